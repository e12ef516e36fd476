import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RefundListItem } from '@dzky/contracts';
import { isApiError } from '../../../../request';
import { yuan } from '../../payments/components/FinanceTags';
import { refundApi } from '../service';

interface Props {
  refund: RefundListItem | null;
  onClose(): void;
  onResolved(refund: RefundListItem): void;
}

/** 线下处理完成: finance notes how an abnormal refund was paid back (abnormal → resolved_offline). */
export default function ResolveModal({ refund, onClose, onResolved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ note }: { note: string }) => {
    if (!refund) return;
    setSaving(true);
    setError(null);
    try {
      const next = await refundApi.resolve(refund.id, { note: note.trim() });
      message.success(t('payment.refunds.resolved'));
      onResolved(next);
    } catch (e) {
      setError(isApiError(e) ? e.errorMessage : t('common.networkError'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={refund !== null}
      title={t('payment.refunds.resolveTitle')}
      onCancel={onClose}
      okText={t('payment.refunds.resolveSubmit')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      afterClose={() => setError(null)}
      destroyOnHidden
    >
      {refund && (
        <Typography.Paragraph type="secondary">
          {t('payment.refunds.resolveIntro', { no: refund.outRefundNo, orderNo: refund.orderNo, amount: yuan(refund.amountFen) })}
        </Typography.Paragraph>
      )}
      {refund?.error && <Alert type="error" showIcon message={refund.error} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="note"
          label={t('payment.refunds.note')}
          rules={[
            { required: true, whitespace: true, message: t('payment.refunds.noteRequired') },
            { max: 200, message: t('payment.refunds.noteTooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('payment.refunds.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_CONTENT_MAX, COMPLAINT_KINDS, COMPLAINT_KIND_LABELS,
  type AdminComplaintView, type ComplaintCategory, type ComplaintKind,
} from '@dzky/contracts';
import { optionsOf } from '../../../archive/components/labels';
import { formErrorText } from '../../../trips/form-errors';
import { newClientKey } from '../../../../utils/client-key';
import { feedbackApi } from '../service';

interface Values {
  kind: ComplaintKind;
  category: ComplaintCategory;
  orderNo?: string;
  contactPhone: string;
  content: string;
}

interface Props {
  open: boolean;
  onClose(): void;
  /** the item as logged: the list reloads and opens it */
  onLogged(item: AdminComplaintView): void;
}

/**
 * 登记来电: customer service writes down a call to the service hotline. The server checks the
 * fields with the same rules as the app; an order number decides the operator (one outside the
 * user's scope answers as not found). One key per opening, so a double click or a retried save logs
 * the call once.
 */
export default function HotlineComplaintModal({ open, onClose, onLogged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const key = useRef('');

  useEffect(() => {
    if (open) {
      key.current = newClientKey('hl');
      form.resetFields();
    }
  }, [open, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const item = await feedbackApi.logHotline({
        clientKey: key.current, kind: v.kind, category: v.category, content: v.content.trim(),
        orderNo: v.orderNo?.trim().toUpperCase() || null, contactPhone: v.contactPhone.trim(),
      });
      message.success(t('feedback.hotline.done', { no: item.complaintNo }));
      onLogged(item);
    } catch (e) {
      const text = formErrorText(form, e, { NOT_FOUND: 'orderNo' });
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('feedback.hotline.title')}
      okText={t('feedback.hotline.submit')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'complaint' }} data-testid="hotline-form">
        <Form.Item name="kind" label={t('feedback.common.kind')} rules={[{ required: true }]}>
          <Radio.Group options={optionsOf(COMPLAINT_KINDS, COMPLAINT_KIND_LABELS)} optionType="button" />
        </Form.Item>
        <Form.Item name="category" label={t('feedback.common.category')} rules={[{ required: true, message: t('feedback.hotline.categoryRequired') }]}>
          <Select options={optionsOf(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS)} placeholder={t('feedback.hotline.categoryPlaceholder')} aria-label={t('feedback.common.category')} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('feedback.hotline.phone')} extra={t('feedback.hotline.phoneHint')} rules={[{ required: true, message: t('feedback.hotline.phoneRequired') }]}>
          <Input maxLength={11} inputMode="tel" placeholder="13800138000" />
        </Form.Item>
        <Form.Item name="orderNo" label={t('feedback.common.orderNo')} extra={t('feedback.hotline.orderHint')}>
          <Input maxLength={32} allowClear placeholder="DZ…" />
        </Form.Item>
        <Form.Item name="content" label={t('feedback.hotline.content')} rules={[{ required: true, message: t('feedback.hotline.contentRequired') }]}>
          <Input.TextArea rows={4} maxLength={COMPLAINT_CONTENT_MAX} showCount placeholder={t('feedback.hotline.contentPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

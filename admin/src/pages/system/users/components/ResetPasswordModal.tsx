import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserView } from '@dzky/contracts';
import { applyFieldErrors } from '../../../../utils/form';
import NewPasswordInput from '../../../../components/NewPasswordInput';
import { passwordRule } from '../../../../utils/password';
import { resetPassword } from '../service';

interface Props {
  user: UserView | null;
  onClose(): void;
  onDone(): void;
}

export default function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    setSaving(true);
    try {
      await resetPassword(user.id, password);
      onDone();
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName || user.username }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert type="info" showIcon message={t('users.resetPasswordHint')} style={{ margin: '16px 0' }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="password"
          label={t('password.newPassword')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('common.required', { field: t('password.newPassword') }) }, passwordRule(t, () => user?.username)]}
        >
          <NewPasswordInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

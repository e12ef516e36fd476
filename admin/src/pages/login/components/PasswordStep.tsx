import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AdminLoginChallenge, AdminLoginRequest } from '@dzky/contracts';
import { isApiError } from '../../../request';
import { applyFieldErrors } from '../../../utils/form';
import { login } from '../service';

interface Props {
  initialUsername?: string;
  onChallenge(challenge: AdminLoginChallenge, username: string): void;
  onSubmitStart?(): void;
}

export default function PasswordStep({ initialUsername, onChallenge, onSubmitStart }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AdminLoginRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: AdminLoginRequest) => {
    onSubmitStart?.();
    setError(null);
    setSubmitting(true);
    try {
      const challenge = await login({ username: values.username.trim(), password: values.password });
      onChallenge(challenge, values.username.trim());
    } catch (e) {
      // bad credentials, locked (423) or disabled accounts: the server's message says which
      setError(isApiError(e) ? e.errorMessage : String(e));
      applyFieldErrors(form, e);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} size="large" onFinish={submit} initialValues={{ username: initialUsername }} autoComplete="on" requiredMark={false}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 24 }} role="alert" />}
      <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}>
        <Input prefix={<UserOutlined className="dzky-login__icon" />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" aria-label={t('login.username')} maxLength={64} autoFocus />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
        <Input.Password prefix={<LockOutlined className="dzky-login__icon" />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" aria-label={t('login.password')} maxLength={128} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}

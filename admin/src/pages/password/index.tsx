import { useState } from 'react';
import { Alert, App, Button, Form, Input, Progress, Space, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordRequest } from '@dzky/contracts';
import LangSwitch from '../../components/LangSwitch';
import { useProfile, useSession } from '../../session';
import { applyFieldErrors } from '../../utils/form';
import { passwordRule, passwordStrength } from '../../utils/password';
import { changePassword } from './service';

type Values = ChangePasswordRequest & { confirm: string };

const STRENGTH_COLORS = ['#ff4d4f', '#ff4d4f', '#faad14', '#52c41a', '#389e0d'];

/** Standalone page: it must work before the user may open anything else (mustChangePassword). */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const profile = useProfile();
  const { reload, signOut } = useSession();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const forced = profile.mustChangePassword;
  const strength = passwordStrength(newPassword);

  const submit = async (v: Values) => {
    setSubmitting(true);
    try {
      await changePassword({ oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      // the profile now says mustChangePassword: false (and a new expiry date)
      await reload();
      navigate('/dashboard', { replace: true });
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="dzky-simple-page">
      <div className="dzky-simple-page__top">
        <div className="dzky-simple-page__brand">
          <img src="/logo.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </div>
        <LangSwitch className="dzky-login__lang-switch" />
      </div>
      <div className="dzky-simple-page__card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <LockOutlined /> {forced ? t('password.forcedTitle') : t('password.title')}
        </Typography.Title>
        {forced && <Alert type="warning" showIcon message={t('password.forcedHint')} style={{ marginBottom: 24 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
          <input type="text" name="username" value={profile.username} autoComplete="username" readOnly hidden />
          <Form.Item name="oldPassword" label={t('password.oldPassword')} rules={[{ required: true, message: t('common.required', { field: t('password.oldPassword') }) }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.newPassword')}
            extra={t('password.policy')}
            dependencies={['oldPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.newPassword') }) },
              passwordRule(t, () => profile.username),
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value === getFieldValue('oldPassword')) throw new Error(t('password.sameAsOld'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          {newPassword && (
            <div className="dzky-strength">
              <Typography.Text type="secondary">{t('password.strength')}</Typography.Text>
              <Progress percent={strength * 25} steps={4} showInfo={false} strokeColor={STRENGTH_COLORS[strength]} size="small" />
            </div>
          )}
          <Form.Item
            name="confirm"
            label={t('password.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.confirmPassword') }) },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            {forced ? (
              <Button onClick={() => void signOut('user')}>{t('header.logout')}</Button>
            ) : (
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                {t('common.back')}
              </Button>
            )}
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('common.submit')}
            </Button>
          </Space>
        </Form>
      </div>
    </div>
  );
}

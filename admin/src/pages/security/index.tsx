import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Form, InputNumber, Row, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '@dzky/contracts';
import { canDo } from '../../access';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { applyFieldErrors } from '../../utils/form';
import { getSecuritySettings, saveSecuritySettings } from './service';

/** Limits as the bff validates them (SecuritySettingsDTO). */
const LIMITS: Record<keyof SecuritySettings, [number, number]> = {
  passwordMaxAgeDays: [0, 365],
  lockoutThreshold: [3, 10],
  lockoutMinutes: [1, 1440],
  idleTimeoutMinutes: [5, 30],
};

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('security.settings', me.permissions);
  const [form] = Form.useForm<SecuritySettings>();
  const [loaded, setLoaded] = useState<SecuritySettings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    getSecuritySettings().then(
      // the form mounts with these as its initial values
      (s) => setLoaded(s),
      () => undefined,
    );
  }, []);

  const submit = async (v: SecuritySettings) => {
    setSaving(true);
    try {
      const saved = await saveSecuritySettings(v);
      setLoaded(saved);
      form.setFieldsValue(saved);
      message.success(t('common.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: keyof SecuritySettings, unit?: string) => (
    <Form.Item
      name={name}
      label={t(`security.${name}`)}
      extra={t(`security.${name}Hint`)}
      rules={[
        { required: true, message: t('common.required', { field: t(`security.${name}`) }) },
        { type: 'integer', min: LIMITS[name][0], max: LIMITS[name][1], message: `${LIMITS[name][0]}–${LIMITS[name][1]}` },
      ]}
    >
      <InputNumber min={LIMITS[name][0]} max={LIMITS[name][1]} precision={0} style={{ width: 200 }} addonAfter={unit} />
    </Form.Item>
  );

  return (
    <PageContainer>
      <Card variant="borderless">
        {/* one column of settings: the hint lines up with the form instead of spanning the page */}
        <div className="dzky-settings">
          <Alert type="info" showIcon message={t('security.hint')} style={{ marginBottom: 24 }} />
          {!loaded ? (
            <Skeleton active />
          ) : (
            <Form form={form} layout="vertical" onFinish={submit} initialValues={loaded} disabled={!canWrite}>
              <Divider orientation="left" orientationMargin={0}>
                {t('security.passwordGroup')}
              </Divider>
              {field('passwordMaxAgeDays')}
              <Divider orientation="left" orientationMargin={0}>
                {t('security.lockoutGroup')}
              </Divider>
              <Row gutter={24}>
                <Col xs={24} md={12}>
                  {field('lockoutThreshold')}
                </Col>
                <Col xs={24} md={12}>
                  {field('lockoutMinutes')}
                </Col>
              </Row>
              <Divider orientation="left" orientationMargin={0}>
                {t('security.sessionGroup')}
              </Divider>
              {field('idleTimeoutMinutes')}
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" htmlType="submit" loading={saving}>
                  {t('common.save')}
                </Button>
                <Button onClick={() => form.setFieldsValue(loaded)}>{t('common.reset')}</Button>
              </Space>
            </Form>
          )}
        </div>
      </Card>
    </PageContainer>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { validateCreditCode, type PlatformProfileInput, type PlatformProfileView } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { isApiError } from '../../../request';
import { useProfile } from '../../../session';
import { applyFieldErrors } from '../../../utils/form';
import { formatTime } from '../../../utils/time';
import { checkWith } from '../components/ArchiveFormDrawer';
import { getPlatformProfile, savePlatformProfile } from './service';

type Values = PlatformProfileInput;

/** 经营许可证 — 京B2-20230001; 备案号 — 京ICP备12345678号-1 */
const ICP_LICENCE = /^[\u4e00-\u9fa5]{1,2}B[12]-\d{8}$/;
const ICP_FILING = /^[\u4e00-\u9fa5]{1,2}ICP备\d{8,}号(-\d+)?$/;
/** as the bff checks it: digits and hyphens, e.g. 400-000-0000 */
const HOTLINE = /^[0-9][0-9-]{4,19}$/;

const text = (v?: string | null) => (v?.trim() ? v.trim() : null);

/** 平台信息: the platform's own record — ICP licence or filing, service channels. */
export default function PlatformPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('platform.write', me.permissions);
  const [form] = Form.useForm<Values>();
  const [profile, setProfile] = useState<PlatformProfileView | null | 'loading'>('loading');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fill = (p: PlatformProfileView) => {
    setProfile(p);
    form.setFieldsValue(p);
  };

  useEffect(() => {
    getPlatformProfile().then(fill, () => setProfile(null));
  }, []);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      fill(
        await savePlatformProfile({
          platformName: v.platformName.trim(),
          operatingEntity: text(v.operatingEntity),
          creditCode: text(v.creditCode)?.toUpperCase() ?? null,
          icpLicenceNo: text(v.icpLicenceNo),
          icpFilingNo: text(v.icpFilingNo),
          mlpsFilingNo: text(v.mlpsFilingNo),
          hotline: text(v.hotline),
          address: text(v.address),
        }),
      );
      message.success(t('common.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(false);
    }
  };

  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const loaded = profile !== 'loading' ? profile : null;

  return (
    <PageContainer subTitle={t('archive.platform.hint')}>
      <Card variant="borderless">
        {profile === 'loading' ? (
          <Spin />
        ) : (
          <Form form={form} layout="vertical" name="platform" disabled={!canWrite} style={{ maxWidth: 880 }}>
            {!canWrite && <Alert type="info" showIcon message={t('archive.platform.readonly')} style={{ marginBottom: 16 }} />}
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
            <Typography.Title level={5}>{t('archive.platform.sectionBasic')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="platformName" label={t('archive.platform.platformName')} rules={[req(t('archive.platform.platformName'))]}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="operatingEntity" label={t('archive.platform.operatingEntity')} rules={[req(t('archive.platform.operatingEntity'))]}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="creditCode"
                  label={t('archive.platform.creditCode')}
                  normalize={(v: string) => v?.toUpperCase().trim()}
                  rules={[req(t('archive.platform.creditCode')), checkWith(validateCreditCode, t('archive.operator.creditCodeRule'))]}
                >
                  <Input maxLength={18} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="address" label={t('archive.platform.address')}>
                  <Input maxLength={128} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('archive.platform.sectionIcp')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="icpLicenceNo"
                  label={t('archive.platform.icpLicenceNo')}
                  extra={t('archive.platform.icpLicenceHint')}
                  rules={[{ pattern: ICP_LICENCE, message: t('archive.platform.icpLicenceRule') }]}
                >
                  <Input maxLength={32} placeholder="粤B2-20230001" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="icpFilingNo"
                  label={t('archive.platform.icpFilingNo')}
                  dependencies={['icpLicenceNo']}
                  rules={[
                    { pattern: ICP_FILING, message: t('archive.platform.icpFilingRule') },
                    // the platform must show one or the other
                    ({ getFieldValue }) => ({
                      validator: (_, v?: string) =>
                        v?.trim() || getFieldValue('icpLicenceNo')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('archive.platform.icpOneRequired'))),
                    }),
                  ]}
                >
                  <Input maxLength={32} placeholder="粤ICP备12345678号-1" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="mlpsFilingNo" label={t('archive.platform.mlpsFilingNo')}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('archive.platform.sectionService')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="hotline" label={t('archive.platform.hotline')} rules={[req(t('archive.platform.hotline')), { pattern: HOTLINE, message: t('archive.platform.hotlineRule') }]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('archive.platform.agreements')}
              description={
                <span>
                  {t('archive.platform.agreementsHint')} <Link to="/archive/operators">{t('menu.operators')}</Link>
                </span>
              }
            />
            <Space>
              {canWrite && (
                <Button type="primary" loading={saving} onClick={() => void save()} data-testid="platform-save">
                  {t('common.save')}
                </Button>
              )}
              {loaded?.updatedAt && (
                <Typography.Text type="secondary">
                  {t('archive.common.updatedAt')}：{formatTime(loaded.updatedAt)}
                </Typography.Text>
              )}
            </Space>
          </Form>
        )}
      </Card>
    </PageContainer>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canDo } from '../../../access';
import { CertificateUpload } from '../../../components/upload';
import PageContainer from '../../../components/PageContainer';
import { isApiError } from '../../../request';
import { useProfile } from '../../../session';
import { applyFieldErrors } from '../../../utils/form';
import { formatTime } from '../../../utils/time';
import { CREDIT_CODE } from '../operators/components/OperatorProfile';
import type { PlatformProfile, PlatformProfileRequest } from '../types';
import { getPlatformProfile, savePlatformProfile } from './service';

type Values = Omit<PlatformProfileRequest, 'icpFileId'> & { icpFileId?: number | string | null };

/** 经营许可证 — 京B2-20230001; 备案号 — 京ICP备12345678号-1 */
const ICP_LICENCE = /^[\u4e00-\u9fa5]{1,2}B[12]-\d{8}$/;
const ICP_FILING = /^[\u4e00-\u9fa5]{1,2}ICP备\d{8,}号(-\d+)?$/;
const HOTLINE = /^[\d-]{5,20}$/;

const text = (v?: string | null) => (v?.trim() ? v.trim() : null);

/** 平台信息: the platform's own record — ICP licence or filing, service channels. */
export default function PlatformPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('platform.write', me.permissions);
  const [form] = Form.useForm<Values>();
  const [profile, setProfile] = useState<PlatformProfile | null | 'loading'>('loading');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fill = (p: PlatformProfile) => {
    setProfile(p);
    form.setFieldsValue({ ...p, icpFileId: p.icpFileId });
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
          name: v.name.trim(),
          operatorName: text(v.operatorName),
          creditCode: text(v.creditCode)?.toUpperCase() ?? null,
          icpLicenceNo: text(v.icpLicenceNo),
          icpFilingNo: text(v.icpFilingNo),
          icpFileId: v.icpFileId ?? null,
          address: text(v.address),
          hotline: text(v.hotline),
          email: text(v.email),
          website: text(v.website),
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
                <Form.Item name="name" label={t('archive.platform.name')} rules={[req(t('archive.platform.name'))]}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="operatorName" label={t('archive.platform.operatorName')} rules={[req(t('archive.platform.operatorName'))]}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="creditCode"
                  label={t('archive.platform.creditCode')}
                  normalize={(v: string) => v?.toUpperCase().trim()}
                  rules={[req(t('archive.platform.creditCode')), { pattern: CREDIT_CODE, message: t('archive.operator.creditCodeRule') }]}
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
              <Col span={24}>
                <Form.Item name="icpFileId" label={t('archive.platform.icpFile')}>
                  <CertificateUpload purpose="platform.icp" label={t('archive.platform.icpFile')} files={loaded?.files} disabled={!canWrite} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('archive.platform.sectionService')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="hotline" label={t('archive.platform.hotline')} rules={[req(t('archive.platform.hotline')), { pattern: HOTLINE, message: t('archive.platform.hotlineRule') }]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="email" label={t('archive.platform.email')} rules={[{ type: 'email', message: t('archive.platform.emailRule') }]}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="website" label={t('archive.platform.website')} rules={[{ type: 'url', message: t('archive.platform.websiteRule') }]}>
                  <Input maxLength={128} placeholder="https://" />
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

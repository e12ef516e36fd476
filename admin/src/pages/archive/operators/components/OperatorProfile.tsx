import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, List, Radio, Row, Space, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import { canDo } from '../../../../access';
import { CertificateUpload } from '../../../../components/upload';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import { applyFieldErrors } from '../../../../utils/form';
import { ExpiryDate } from '../../components/ExpiryDate';
import { fromDay, toDay } from '../../components/expiry';
import HistoryTimeline from '../../components/HistoryTimeline';
import { fieldLabeller } from '../../components/labels';
import VerifyPanel from '../../components/VerifyPanel';
import type { MerchantMode, OperatorSaveRequest, OperatorView } from '../../types';
import { getOperator, operatorHistory, updateMerchant, updateOperator, verifyOperator } from '../service';

/** GB 32100: 18 characters from 0-9 and A-Z without I, O, Z, S, V. */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const REGION_CODE = /^\d{6}$/;
const MCH_ID = /^\d{8,12}$/;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

type FileId = number | string | null;
interface Values {
  shortName?: string;
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  regionCode?: string;
  businessLicenceExpiry?: dayjs.Dayjs | null;
  businessLicenceFileId?: FileId;
  permitNo?: string;
  permitScope?: string;
  permitExpiry?: dayjs.Dayjs | null;
  permitFileId?: FileId;
  agreementNo?: string;
  agreementSignedAt?: dayjs.Dayjs | null;
  agreementExpiry?: dayjs.Dayjs | null;
  agreementFileId?: FileId;
}

interface MerchantValues {
  merchantMode: MerchantMode;
  subMchId?: string;
  mchId?: string;
}

const text = (v?: string | null) => (v?.trim() ? v.trim() : null);

interface Props {
  id: number;
  /** the list refreshes after a save */
  onChanged?(): void;
}

/** One operator's archive: licences, agreement, payee merchant, verification, history. */
export default function OperatorProfile({ id, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('archive.write', me.permissions);
  const canMerchant = canDo('operator.merchant', me.permissions);
  const [op, setOp] = useState<OperatorView | null>(null);
  const [form] = Form.useForm<Values>();
  const [merchantForm] = Form.useForm<MerchantValues>();
  const [saving, setSaving] = useState<'archive' | 'merchant' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'operator');
  const mode = Form.useWatch('merchantMode', merchantForm);

  const fill = useCallback(
    (o: OperatorView) => {
      setOp(o);
      form.setFieldsValue({
        shortName: o.shortName ?? undefined,
        creditCode: o.creditCode ?? undefined,
        legalRepresentative: o.legalRepresentative ?? undefined,
        contactName: o.contactName ?? undefined,
        address: o.address ?? undefined,
        regionCode: o.regionCode ?? undefined,
        businessLicenceExpiry: fromDay(o.businessLicenceExpiry),
        businessLicenceFileId: o.businessLicenceFileId,
        permitNo: o.permitNo ?? undefined,
        permitScope: o.permitScope ?? undefined,
        permitExpiry: fromDay(o.permitExpiry),
        permitFileId: o.permitFileId,
        agreementNo: o.agreementNo ?? undefined,
        agreementSignedAt: fromDay(o.agreementSignedAt),
        agreementExpiry: fromDay(o.agreementExpiry),
        agreementFileId: o.agreementFileId,
      });
      merchantForm.setFieldsValue({ merchantMode: o.merchantMode, subMchId: o.subMchId ?? undefined, mchId: o.mchId ?? undefined });
    },
    [form, merchantForm],
  );

  useEffect(() => {
    setOp(null);
    getOperator(id).then(fill, () => undefined);
  }, [id, fill]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving('archive');
    setError(null);
    try {
      const req: OperatorSaveRequest = {
        shortName: text(v.shortName),
        creditCode: text(v.creditCode)?.toUpperCase() ?? null,
        legalRepresentative: text(v.legalRepresentative),
        contactName: text(v.contactName),
        address: text(v.address),
        regionCode: text(v.regionCode),
        businessLicenceExpiry: toDay(v.businessLicenceExpiry),
        businessLicenceFileId: v.businessLicenceFileId ?? null,
        permitNo: text(v.permitNo),
        permitScope: text(v.permitScope),
        permitExpiry: toDay(v.permitExpiry),
        permitFileId: v.permitFileId ?? null,
        agreementNo: text(v.agreementNo),
        agreementSignedAt: toDay(v.agreementSignedAt),
        agreementExpiry: toDay(v.agreementExpiry),
        agreementFileId: v.agreementFileId ?? null,
      };
      // the phone comes masked: only a newly entered number is sent
      if (v.contactPhone?.trim()) req.contactPhone = v.contactPhone.trim();
      fill(await updateOperator(id, req));
      form.setFieldValue('contactPhone', undefined);
      message.success(t('common.saved'));
      onChanged?.();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(null);
    }
  };

  const saveMerchant = async () => {
    let v: MerchantValues;
    try {
      v = await merchantForm.validateFields();
    } catch {
      return;
    }
    setSaving('merchant');
    try {
      fill(
        await updateMerchant(id, {
          merchantMode: v.merchantMode,
          subMchId: v.merchantMode === 'sub_merchant' ? (text(v.subMchId) ?? null) : null,
          mchId: v.merchantMode === 'direct' ? (text(v.mchId) ?? null) : null,
        }),
      );
      message.success(t('common.saved'));
      onChanged?.();
    } catch (e) {
      if (!applyFieldErrors(merchantForm, e)) message.error(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(null);
    }
  };

  if (!op) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const files = op.files ?? null;
  const date = <DatePicker style={{ width: '100%' }} disabled={!canWrite} />;
  const input = (max: number) => <Input maxLength={max} disabled={!canWrite} />;
  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const archiveTab = (
    <Form form={form} layout="vertical" name="operator" disabled={!canWrite} scrollToFirstError>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Card size="small" title={t('archive.operator.sectionBasic')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('archive.operator.name')}>
              <Input value={op.name} disabled />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="shortName" label={t('archive.operator.shortName')}>
              {input(32)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('archive.operator.creditCode')}
              normalize={(v: string) => v?.toUpperCase().trim()}
              rules={[req(t('archive.operator.creditCode')), { pattern: CREDIT_CODE, message: t('archive.operator.creditCodeRule') }]}
            >
              {input(18)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRepresentative" label={t('archive.operator.legalRepresentative')}>
              {input(30)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('archive.operator.contactName')}>
              {input(30)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={t('archive.operator.contactPhone')}
              extra={op.contactPhone ? t('archive.driver.phoneKeep', { value: op.contactPhone }) : undefined}
              rules={[{ pattern: PHONE, message: t('archive.operator.contactPhoneRule') }]}
            >
              {input(20)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('archive.operator.regionCode')} rules={[{ pattern: REGION_CODE, message: t('archive.operator.regionCodeRule') }]}>
              {input(6)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('archive.operator.address')}>
              {input(128)}
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionBusinessLicence')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="businessLicenceExpiry" label={t('archive.operator.businessLicenceExpiry')} extra={t('archive.operator.longTermHint')}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="businessLicenceFileId" label={t('archive.operator.businessLicenceFile')}>
              <CertificateUpload purpose="operator.businessLicence" label={t('archive.operator.businessLicenceFile')} files={files} disabled={!canWrite} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionPermit')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="permitNo" label={t('archive.operator.permitNo')} rules={[req(t('archive.operator.permitNo'))]}>
              {input(32)}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="permitExpiry" label={t('archive.operator.permitExpiry')} rules={[req(t('archive.operator.permitExpiry'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="permitScope" label={t('archive.operator.permitScope')}>
              <Input.TextArea maxLength={256} autoSize={{ minRows: 2, maxRows: 4 }} disabled={!canWrite} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="permitFileId" label={t('archive.operator.permitFile')}>
              <CertificateUpload purpose="operator.permit" label={t('archive.operator.permitFile')} files={files} disabled={!canWrite} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionAgreement')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="agreementNo" label={t('archive.operator.agreementNo')}>
              {input(64)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="agreementSignedAt" label={t('archive.operator.agreementSignedAt')}>
              {date}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="agreementExpiry" label={t('archive.operator.agreementExpiry')}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="agreementFileId" label={t('archive.operator.agreementFile')}>
              <CertificateUpload purpose="operator.agreement" label={t('archive.operator.agreementFile')} files={files} disabled={!canWrite} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {canWrite && (
        <Space>
          <Button type="primary" loading={saving === 'archive'} onClick={() => void save()} data-testid="operator-save" disabled={false}>
            {t('common.save')}
          </Button>
          <Button onClick={() => fill(op)} disabled={false}>
            {t('common.reset')}
          </Button>
        </Space>
      )}
    </Form>
  );

  const merchantTab = (
    <Form form={merchantForm} layout="vertical" name="merchant" disabled={!canMerchant} style={{ maxWidth: 560 }}>
      {!canMerchant && <Alert type="info" showIcon message={t('archive.operator.merchantReadonly')} style={{ marginBottom: 16 }} />}
      <Form.Item name="merchantMode" label={t('archive.operator.merchantMode')} rules={[{ required: true }]}>
        <Radio.Group
          options={(['sub_merchant', 'direct', 'none'] as const).map((m) => ({ value: m, label: t(`archive.operator.merchantModes.${m}`) }))}
        />
      </Form.Item>
      {mode === 'sub_merchant' && (
        <Form.Item
          name="subMchId"
          label={t('archive.operator.subMchId')}
          rules={[req(t('archive.operator.subMchId')), { pattern: MCH_ID, message: t('archive.operator.mchIdRule') }]}
        >
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
      )}
      {mode === 'direct' && (
        <Form.Item name="mchId" label={t('archive.operator.mchId')} extra={t('archive.operator.directHint')} rules={[req(t('archive.operator.mchId')), { pattern: MCH_ID, message: t('archive.operator.mchIdRule') }]}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
      )}
      {canMerchant && (
        <Button type="primary" loading={saving === 'merchant'} onClick={() => void saveMerchant()} data-testid="merchant-save">
          {t('archive.operator.merchantSave')}
        </Button>
      )}
    </Form>
  );

  const linesTab =
    op.licensedLines.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.operator.linesEmpty')} />
    ) : (
      <List
        size="small"
        dataSource={op.licensedLines}
        renderItem={(l) => (
          <List.Item extra={<ExpiryDate date={l.validUntil} />}>
            <Typography.Text>{l.name}</Typography.Text>
          </List.Item>
        )}
      />
    );

  return (
    <Tabs
      items={[
        { key: 'archive', label: t('archive.common.basic'), children: archiveTab },
        { key: 'merchant', label: t('archive.operator.sectionMerchant'), children: merchantTab },
        { key: 'lines', label: t('archive.operator.sectionLines'), children: linesTab },
        {
          key: 'verify',
          label: t('archive.common.verifyTitle'),
          children: (
            <VerifyPanel
              verification={op.verification}
              fieldLabel={label}
              onVerify={
                canWrite
                  ? async () => {
                      const r = await verifyOperator(id);
                      onChanged?.();
                      return r;
                    }
                  : undefined
              }
            />
          ),
        },
        { key: 'history', label: t('archive.common.history'), children: <HistoryTimeline load={() => operatorHistory(id)} fieldLabel={label} version={op.updatedAt} /> },
      ]}
    />
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Space, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import {
  MERCHANT_MODES, validateCreditCode, validateMobile,
  type MerchantMode, type OperatorInput, type OperatorView,
} from '@dzky/contracts';
import { canDo } from '../../../../access';
import { HistoryTimeline } from '../../../../components/data-table';
import { CertificateUpload } from '../../../../components/upload';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import { applyFieldErrors } from '../../../../utils/form';
import { checkWith } from '../../components/ArchiveFormDrawer';
import { fromDay, toDay } from '../../components/expiry';
import { fieldLabeller, historyActionLabel } from '../../components/labels';
import { Blockers, OperableTag } from '../../components/StatusTags';
import VerifyPanel from '../../components/VerifyPanel';
import { getOperator, operatorHistory, updateMerchant, updateOperator, verifyOperator } from '../service';

const MCH_ID = /^\d{8,12}$/;
const DATES = ['businessLicenceExpiry', 'permitExpiry', 'agreementSignedOn', 'agreementValidUntil'] as const;

type Values = Omit<OperatorInput, (typeof DATES)[number]> & Partial<Record<(typeof DATES)[number], dayjs.Dayjs | null>>;

interface MerchantValues {
  mode: MerchantMode;
  subMchId?: string;
  mchId?: string;
  settlementAccountName: string;
}

const text = (v?: string | null) => (v?.trim() ? v.trim() : null);

function toValues(o: OperatorView): Values {
  // the contact phone comes masked: the field stays empty and only a newly entered number is sent
  return { ...o, legalName: o.legalName || o.orgName, ...Object.fromEntries(DATES.map((f) => [f, fromDay(o[f])])) } as Values;
}

function toRequest(v: Values): OperatorInput {
  return {
    ...v,
    creditCode: v.creditCode.trim().toUpperCase(),
    contactPhone: text(v.contactPhone) ?? undefined,
    businessLicenceExpiry: toDay(v.businessLicenceExpiry),
    permitExpiry: toDay(v.permitExpiry) ?? '',
    agreementNo: text(v.agreementNo),
    agreementSignedOn: toDay(v.agreementSignedOn),
    agreementValidUntil: toDay(v.agreementValidUntil),
    businessLicenceFileId: v.businessLicenceFileId ?? null,
    permitFileId: v.permitFileId ?? null,
    agreementFileId: v.agreementFileId ?? null,
  };
}

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
  const mode = Form.useWatch('mode', merchantForm);

  const fill = useCallback(
    (o: OperatorView) => {
      setOp(o);
      form.resetFields();
      form.setFieldsValue(toValues(o));
      merchantForm.setFieldsValue({
        mode: o.merchant.mode ?? undefined,
        subMchId: o.merchant.subMchId ?? undefined,
        mchId: o.merchant.mchId ?? undefined,
        settlementAccountName: o.merchant.settlementAccountName ?? undefined,
      });
    },
    [form, merchantForm],
  );

  const reload = useCallback(() => getOperator(id).then(fill, () => undefined), [id, fill]);

  useEffect(() => {
    setOp(null);
    void reload();
  }, [reload]);

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
      fill(await updateOperator(id, toRequest(v)));
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
          mode: v.mode,
          subMchId: v.mode === 'sub_merchant' ? text(v.subMchId) : null,
          mchId: v.mode === 'direct' ? text(v.mchId) : null,
          settlementAccountName: v.settlementAccountName.trim(),
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

  const files = op.files;
  const date = <DatePicker style={{ width: '100%' }} />;
  const input = (max: number) => <Input maxLength={max} />;
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const item = (name: keyof Values, max: number, required = false) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label(name)} rules={required ? [req(label(name))] : undefined}>
        {input(max)}
      </Form.Item>
    </Col>
  );

  const archiveTab = (
    <Form form={form} layout="vertical" name="operator" disabled={!canWrite} scrollToFirstError>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Card size="small" title={t('archive.operator.sectionBasic')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {item('legalName', 100, true)}
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={label('creditCode')}
              normalize={(v: string) => v?.toUpperCase().trim()}
              rules={[req(label('creditCode')), checkWith(validateCreditCode, t('archive.operator.creditCodeRule'))]}
            >
              {input(18)}
            </Form.Item>
          </Col>
          {item('legalRepresentative', 64, true)}
          {item('contactName', 64, true)}
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={label('contactPhone')}
              extra={op.contactPhoneMasked ? t('archive.driver.numberKeep', { value: op.contactPhoneMasked }) : undefined}
              rules={[...(op.contactPhoneMasked ? [] : [req(label('contactPhone'))]), checkWith(validateMobile, t('archive.operator.contactPhoneRule'))]}
            >
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          {item('address', 200, true)}
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionBusinessLicence')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="businessLicenceExpiry" label={label('businessLicenceExpiry')} extra={t('archive.operator.longTermHint')}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="businessLicenceFileId" label={label('businessLicenceFile')}>
              <CertificateUpload purpose="operator_licence" label={label('businessLicenceFile')} files={files} disabled={!canWrite} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionPermit')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {item('permitNo', 64, true)}
          <Col xs={24} md={12}>
            <Form.Item name="permitExpiry" label={label('permitExpiry')} rules={[{ required: true, message: t('common.required', { field: label('permitExpiry') }) }]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="permitScope" label={label('permitScope')} rules={[req(label('permitScope'))]}>
              <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="permitFileId" label={label('permitFile')}>
              <CertificateUpload purpose="operator_licence" label={label('permitFile')} files={files} disabled={!canWrite} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('archive.operator.sectionAgreement')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="agreementNo" label={label('agreementNo')}>
              {input(64)}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="agreementSignedOn" label={label('agreementSignedOn')}>
              {date}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="agreementValidUntil" label={label('agreementValidUntil')}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="agreementFileId" label={label('agreementFile')}>
              {/* contracts has no purpose for cooperation agreements yet */}
              <CertificateUpload purpose="operator_agreement" label={label('agreementFile')} files={files} disabled={!canWrite} />
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
      {!op.merchant.mode && <Alert type="warning" showIcon message={t('archive.operator.merchantModes.none')} style={{ marginBottom: 16 }} />}
      <Form.Item name="mode" label={label('merchantMode')} rules={[{ required: true, message: t('common.select', { field: label('merchantMode') }) }]}>
        <Radio.Group options={MERCHANT_MODES.map((m) => ({ value: m, label: t(`archive.operator.merchantModes.${m}`) }))} />
      </Form.Item>
      {mode === 'sub_merchant' && (
        <Form.Item name="subMchId" label={label('subMchId')} rules={[req(label('subMchId')), { pattern: MCH_ID, message: t('archive.operator.mchIdRule') }]}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
      )}
      {mode === 'direct' && (
        <Form.Item name="mchId" label={label('mchId')} extra={t('archive.operator.directHint')} rules={[req(label('mchId')), { pattern: MCH_ID, message: t('archive.operator.mchIdRule') }]}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
      )}
      <Form.Item name="settlementAccountName" label={label('settlementAccountName')} rules={[req(label('settlementAccountName'))]}>
        <Input maxLength={100} />
      </Form.Item>
      {canMerchant && (
        <Button type="primary" loading={saving === 'merchant'} onClick={() => void saveMerchant()} data-testid="merchant-save">
          {t('archive.operator.merchantSave')}
        </Button>
      )}
    </Form>
  );

  return (
    <>
      {!op.operable && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={<OperableTag operable={false} blockers={op.blockers} />} description={<Blockers blockers={op.blockers} />} />
      )}
      <Tabs
        items={[
          { key: 'archive', label: t('archive.common.basic'), children: archiveTab },
          { key: 'merchant', label: t('archive.operator.sectionMerchant'), children: merchantTab },
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
                        void reload();
                        return r;
                      }
                    : undefined
                }
              />
            ),
          },
          {
            key: 'history',
            label: t('archive.common.history'),
            children: <HistoryTimeline load={() => operatorHistory(id)} fieldLabel={label} actionLabel={historyActionLabel} version={op.updatedAt} />,
          },
        ]}
      />
    </>
  );
}

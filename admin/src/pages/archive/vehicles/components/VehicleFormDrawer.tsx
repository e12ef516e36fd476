import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import { CertificateUpload } from '../../../../components/upload';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import { applyFieldErrors } from '../../../../utils/form';
import type { OrgTreeOption } from '../../../../utils/org';
import { fromDay, toDay } from '../../components/expiry';
import type { VehicleSaveRequest, VehicleView } from '../../types';
import { MAX_SEATS, MIN_SEATS, PLATE_COLORS, PLATE_PATTERN, TERMINAL_ID_PATTERN, TERMINAL_PHONE_PATTERN, VEHICLE_CLASSES, VEHICLE_TYPES, VIN_PATTERN } from '../constants';
import { createVehicle, updateVehicle } from '../service';

interface Props {
  open: boolean;
  /** null: create */
  vehicle: VehicleView | null;
  orgOptions: OrgTreeOption[];
  onClose(): void;
  onSaved(v: VehicleView): void;
}

type FileId = number | string | null;
export interface VehicleFormValues {
  orgId?: number;
  plateNo: string;
  plateColor: number;
  approvedSeats: number;
  vehicleType?: string | null;
  vehicleClass?: string | null;
  brandModel?: string;
  vin?: string;
  transportCertNo?: string;
  transportCertExpiry?: dayjs.Dayjs | null;
  transportCertFileId?: FileId;
  licenseFileId?: FileId;
  annualInspectionDue?: dayjs.Dayjs | null;
  insurer?: string;
  insurancePolicyNo?: string;
  insuranceExpiry?: dayjs.Dayjs | null;
  insuranceFileId?: FileId;
  terminalId?: string;
  terminalMaker?: string;
  terminalModel?: string;
  terminalPhone?: string;
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

export function toRequest(v: VehicleFormValues, fallbackOrgId: number): VehicleSaveRequest {
  return {
    orgId: v.orgId ?? fallbackOrgId,
    plateNo: v.plateNo.trim().toUpperCase(),
    plateColor: v.plateColor,
    approvedSeats: v.approvedSeats,
    vehicleType: v.vehicleType ?? null,
    vehicleClass: v.vehicleClass ?? null,
    brandModel: text(v.brandModel),
    vin: text(v.vin)?.toUpperCase() ?? null,
    transportCertNo: text(v.transportCertNo),
    transportCertExpiry: toDay(v.transportCertExpiry),
    transportCertFileId: v.transportCertFileId ?? null,
    licenseFileId: v.licenseFileId ?? null,
    annualInspectionDue: toDay(v.annualInspectionDue),
    insurer: text(v.insurer),
    insurancePolicyNo: text(v.insurancePolicyNo),
    insuranceExpiry: toDay(v.insuranceExpiry),
    insuranceFileId: v.insuranceFileId ?? null,
    terminalId: text(v.terminalId),
    terminalMaker: text(v.terminalMaker),
    terminalModel: text(v.terminalModel),
    terminalPhone: text(v.terminalPhone),
  };
}

function toValues(v: VehicleView): VehicleFormValues {
  return {
    orgId: v.orgId,
    plateNo: v.plateNo,
    plateColor: v.plateColor,
    approvedSeats: v.approvedSeats,
    vehicleType: v.vehicleType,
    vehicleClass: v.vehicleClass,
    brandModel: v.brandModel ?? undefined,
    vin: v.vin ?? undefined,
    transportCertNo: v.transportCertNo ?? undefined,
    transportCertExpiry: fromDay(v.transportCertExpiry),
    transportCertFileId: v.transportCertFileId,
    licenseFileId: v.licenseFileId,
    annualInspectionDue: fromDay(v.annualInspectionDue),
    insurer: v.insurer ?? undefined,
    insurancePolicyNo: v.insurancePolicyNo ?? undefined,
    insuranceExpiry: fromDay(v.insuranceExpiry),
    insuranceFileId: v.insuranceFileId,
    terminalId: v.terminalId ?? undefined,
    terminalMaker: v.terminalMaker ?? undefined,
    terminalModel: v.terminalModel ?? undefined,
    terminalPhone: v.terminalPhone ?? undefined,
  };
}

/** 新建/编辑车辆档案, grouped as the paper file is: 基本信息, 证照, 保险, 车载终端. */
export default function VehicleFormDrawer({ open, vehicle, orgOptions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<VehicleFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(vehicle ? toValues(vehicle) : { plateColor: 2, orgId: orgOptions.length ? undefined : me.orgId });
  }, [open, vehicle, form, orgOptions.length, me.orgId]);

  const submit = async () => {
    let v: VehicleFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const req = toRequest(v, vehicle?.orgId ?? me.orgId);
      onSaved(vehicle ? await updateVehicle(vehicle.id, req) : await createVehicle(req));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(false);
    }
  };

  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const files = vehicle?.files ?? null;
  const date = <DatePicker style={{ width: '100%' }} />;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      title={vehicle ? t('archive.vehicle.editTitle', { plate: vehicle.plateNo }) : t('archive.vehicle.createTitle')}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="vehicle-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" requiredMark name="vehicle" scrollToFirstError>
        <Divider orientation="left" orientationMargin={0}>
          {t('archive.vehicle.sectionBasic')}
        </Divider>
        <Row gutter={16}>
          {orgOptions.length > 0 && (
            <Col span={24}>
              <Form.Item name="orgId" label={t('archive.common.org')} rules={[{ required: true, message: t('archive.common.orgPlaceholder') }]}>
                <TreeSelect treeData={orgOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('archive.common.orgPlaceholder')} disabled={Boolean(vehicle)} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="plateNo"
              label={t('archive.vehicle.plateNo')}
              normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
              rules={[req(t('archive.vehicle.plateNo')), { pattern: PLATE_PATTERN, message: t('archive.vehicle.plateNoRule') }]}
            >
              <Input maxLength={8} placeholder="粤B12345" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="plateColor" label={t('archive.vehicle.plateColor')} rules={[req(t('archive.vehicle.plateColor'))]}>
              <Select options={PLATE_COLORS.map((c) => ({ value: c, label: t(`archive.plateColor.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="approvedSeats"
              label={t('archive.vehicle.approvedSeats')}
              extra={t('archive.vehicle.seatsRule')}
              rules={[
                req(t('archive.vehicle.approvedSeats')),
                { type: 'integer', min: MIN_SEATS, max: MAX_SEATS, message: t('archive.vehicle.seatsRule') },
              ]}
            >
              <InputNumber style={{ width: '100%' }} precision={0} addonAfter={t('archive.vehicle.seatsUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="vehicleType" label={t('archive.vehicle.vehicleType')} rules={[req(t('archive.vehicle.vehicleType'))]}>
              <Select options={VEHICLE_TYPES.map((v) => ({ value: v, label: t(`archive.vehicle.types.${v}`) }))} placeholder={t('common.select', { field: t('archive.vehicle.vehicleType') })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="vehicleClass" label={t('archive.vehicle.vehicleClass')}>
              <Select allowClear options={VEHICLE_CLASSES.map((v) => ({ value: v, label: t(`archive.vehicle.classes.${v}`) }))} placeholder={t('common.select', { field: t('archive.vehicle.vehicleClass') })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="brandModel" label={t('archive.vehicle.brandModel')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="vin" label={t('archive.vehicle.vin')} normalize={(v: string) => v?.toUpperCase()} rules={[{ pattern: VIN_PATTERN, message: t('archive.vehicle.vinRule') }]}>
              <Input maxLength={17} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.vehicle.sectionCert')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="transportCertNo" label={t('archive.vehicle.transportCertNo')} rules={[req(t('archive.vehicle.transportCertNo'))]}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="transportCertExpiry" label={t('archive.vehicle.transportCertExpiry')} rules={[req(t('archive.vehicle.transportCertExpiry'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="annualInspectionDue" label={t('archive.vehicle.annualInspectionDue')} rules={[req(t('archive.vehicle.annualInspectionDue'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="transportCertFileId" label={t('archive.vehicle.transportCertFile')}>
              <CertificateUpload purpose="vehicle.transportCert" label={t('archive.vehicle.transportCertFile')} files={files} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="licenseFileId" label={t('archive.vehicle.licenseFile')}>
              <CertificateUpload purpose="vehicle.license" label={t('archive.vehicle.licenseFile')} files={files} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.vehicle.sectionInsurance')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="insurer" label={t('archive.vehicle.insurer')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="insurancePolicyNo" label={t('archive.vehicle.insurancePolicyNo')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="insuranceExpiry" label={t('archive.vehicle.insuranceExpiry')} rules={[req(t('archive.vehicle.insuranceExpiry'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="insuranceFileId" label={t('archive.vehicle.insuranceFile')}>
              <CertificateUpload purpose="vehicle.insurance" label={t('archive.vehicle.insuranceFile')} files={files} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.vehicle.sectionTerminal')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="terminalId" label={t('archive.vehicle.terminalId')} rules={[{ pattern: TERMINAL_ID_PATTERN, message: t('archive.vehicle.terminalIdRule') }]}>
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="terminalPhone" label={t('archive.vehicle.terminalPhone')} rules={[{ pattern: TERMINAL_PHONE_PATTERN, message: t('archive.vehicle.terminalPhoneRule') }]}>
              <Input maxLength={20} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="terminalMaker" label={t('archive.vehicle.terminalMaker')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="terminalModel" label={t('archive.vehicle.terminalModel')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

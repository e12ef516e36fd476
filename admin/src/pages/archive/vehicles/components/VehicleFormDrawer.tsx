import { DatePicker, Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import {
  MAX_APPROVED_SEATS, MIN_APPROVED_SEATS, PLATE_COLOR_LABELS, PLATE_COLORS, VEHICLE_CLASS_LABELS, VEHICLE_CLASSES, VEHICLE_TYPE_LABELS, VEHICLE_TYPES,
  normalizePlateNo, validatePlateNo, validateTerminalId, validateVin,
  type PlateColor, type VehicleClass, type VehicleInput, type VehicleType, type VehicleView,
} from '@dzky/contracts';
import { CertificateUpload } from '../../../../components/upload';
import { useProfile } from '../../../../session';
import type { OrgTreeOption } from '../../../../utils/org';
import ArchiveFormDrawer, { checkWith, Field, FormSection } from '../../components/ArchiveFormDrawer';
import { fromDay, toDay } from '../../components/expiry';
import { optionsOf } from '../../components/labels';
import { createVehicle, updateVehicle } from '../service';

interface Props {
  open: boolean;
  /** null: create */
  vehicle: VehicleView | null;
  orgOptions: OrgTreeOption[];
  onClose(): void;
  onSaved(v: VehicleView): void;
}

const DATES = ['transportCertExpiry', 'annualInspectionDue', 'insuranceExpiry'] as const;
const TEXTS = ['brand', 'model', 'vin', 'transportCertNo', 'insurer', 'insurancePolicyNo', 'terminalId', 'terminalMaker', 'terminalModel', 'terminalPhone'] as const;

/** The form holds dates as dayjs and texts as typed; everything else as the API has it. */
export type VehicleFormValues = Omit<VehicleInput, (typeof DATES)[number] | (typeof TEXTS)[number]> &
  Partial<Record<(typeof DATES)[number], dayjs.Dayjs | null>> &
  Partial<Record<(typeof TEXTS)[number], string | null>>;

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

export function toRequest(v: VehicleFormValues, fallbackOrgId: number): VehicleInput {
  const req: VehicleInput = {
    orgId: v.orgId ?? fallbackOrgId,
    plateNo: normalizePlateNo(v.plateNo),
    plateColor: v.plateColor,
    approvedSeats: v.approvedSeats,
    vehicleType: v.vehicleType,
    vehicleClass: v.vehicleClass,
    transportCertFileId: v.transportCertFileId ?? null,
    insuranceFileId: v.insuranceFileId ?? null,
    certificateFileIds: v.certificateFileIds ?? [],
  };
  for (const f of TEXTS) req[f] = text(v[f]);
  req.vin = req.vin?.toUpperCase() ?? null;
  for (const f of DATES) req[f] = toDay(v[f]);
  return req;
}

function toValues(v: VehicleView): VehicleFormValues {
  return { ...v, ...Object.fromEntries(DATES.map((f) => [f, fromDay(v[f])])) } as VehicleFormValues;
}

/** 新建/编辑车辆档案, grouped as the paper file is: 基本信息, 证照, 保险, 车载终端. */
export default function VehicleFormDrawer({ open, vehicle, orgOptions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<VehicleFormValues>();
  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const files = vehicle?.files ?? null;
  const date = <DatePicker style={{ width: '100%' }} />;
  const label = (field: string) => t(`archive.vehicle.${field}`);

  return (
    <ArchiveFormDrawer<VehicleFormValues>
      open={open}
      name="vehicle"
      title={vehicle ? t('archive.vehicle.editTitle', { plate: vehicle.plateNo }) : t('archive.vehicle.createTitle')}
      form={form}
      record={vehicle}
      initialValues={vehicle ? toValues(vehicle) : { plateColor: 2 as PlateColor, orgId: orgOptions.length ? undefined : me.orgId }}
      onClose={onClose}
      onSubmit={async (v) => {
        const request = toRequest(v, vehicle?.orgId ?? me.orgId);
        onSaved(vehicle ? await updateVehicle(vehicle.id, request) : await createVehicle(request));
      }}
    >
      <FormSection title={label('sectionBasic')}>
        {orgOptions.length > 0 && (
          <Field wide>
            <Form.Item name="orgId" label={t('archive.common.org')} rules={[{ required: true, message: t('archive.common.orgPlaceholder') }]}>
              <TreeSelect treeData={orgOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('archive.common.orgPlaceholder')} disabled={Boolean(vehicle)} />
            </Form.Item>
          </Field>
        )}
        <Field>
          <Form.Item
            name="plateNo"
            label={label('plateNo')}
            normalize={(v: string) => v && normalizePlateNo(v)}
            rules={[req(label('plateNo')), checkWith(validatePlateNo, label('plateNoRule'))]}
          >
            <Input maxLength={8} placeholder="粤B12345" autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="plateColor" label={label('plateColor')} rules={[req(label('plateColor'))]}>
            <Select options={optionsOf(PLATE_COLORS, PLATE_COLOR_LABELS)} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item
            name="approvedSeats"
            label={label('approvedSeats')}
            extra={label('seatsRule')}
            rules={[req(label('approvedSeats')), { type: 'integer', min: MIN_APPROVED_SEATS, max: MAX_APPROVED_SEATS, message: label('seatsRule') }]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} addonAfter={label('seatsUnit')} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="vehicleType" label={label('vehicleType')} rules={[req(label('vehicleType'))]}>
            <Select<VehicleType> options={optionsOf(VEHICLE_TYPES, VEHICLE_TYPE_LABELS)} placeholder={t('common.select', { field: label('vehicleType') })} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="vehicleClass" label={label('vehicleClass')} rules={[req(label('vehicleClass'))]}>
            <Select<VehicleClass> options={optionsOf(VEHICLE_CLASSES, VEHICLE_CLASS_LABELS)} placeholder={t('common.select', { field: label('vehicleClass') })} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="brand" label={label('brand')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="model" label={label('model')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="vin" label={label('vin')} normalize={(v: string) => v?.toUpperCase()} rules={[checkWith(validateVin, label('vinRule'))]}>
            <Input maxLength={17} autoComplete="off" />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionCert')}>
        <Field>
          <Form.Item name="transportCertNo" label={label('transportCertNo')} rules={[req(label('transportCertNo'))]}>
            <Input maxLength={32} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="transportCertExpiry" label={label('transportCertExpiry')} rules={[req(label('transportCertExpiry'))]}>
            {date}
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="annualInspectionDue" label={label('annualInspectionDue')} rules={[req(label('annualInspectionDue'))]}>
            {date}
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="transportCertFileId" label={label('transportCertFile')}>
            <CertificateUpload purpose="vehicle_cert" label={label('transportCertFile')} files={files} />
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="certificateFileIds" label={label('certificateFiles')}>
            <CertificateUpload purpose="vehicle_cert" multiple label={label('certificateFiles')} files={files} />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionInsurance')}>
        <Field>
          <Form.Item name="insurer" label={label('insurer')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="insurancePolicyNo" label={label('insurancePolicyNo')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="insuranceExpiry" label={label('insuranceExpiry')} rules={[req(label('insuranceExpiry'))]}>
            {date}
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="insuranceFileId" label={label('insuranceFile')}>
            {/* contracts has no purpose for insurance policies yet */}
            <CertificateUpload purpose="vehicle_insurance" label={label('insuranceFile')} files={files} />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionTerminal')}>
        <Field>
          <Form.Item name="terminalId" label={label('terminalId')} rules={[checkWith(validateTerminalId, label('terminalIdRule'))]}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="terminalPhone" label={label('terminalPhone')} rules={[{ pattern: /^\d{11,20}$/, message: label('terminalPhoneRule') }]}>
            <Input maxLength={20} inputMode="numeric" autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="terminalMaker" label={label('terminalMaker')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="terminalModel" label={label('terminalModel')}>
            <Input maxLength={64} />
          </Form.Item>
        </Field>
      </FormSection>
    </ArchiveFormDrawer>
  );
}

import { DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import {
  DRIVING_LICENCE_CLASSES, EMPLOYMENT_STATUS_LABELS, EMPLOYMENT_STATUSES, GENDERS, ID_TYPE_LABELS, ID_TYPES, QUALIFICATION_CATEGORIES,
  validateIdNumber, validateMobile,
  type DriverInput, type DriverView, type IdType,
} from '@dzky/contracts';
import { CertificateUpload } from '../../../../components/upload';
import { useProfile } from '../../../../session';
import type { OrgTreeOption } from '../../../../utils/org';
import ArchiveFormDrawer, { checkWith, Field, FormSection } from '../../components/ArchiveFormDrawer';
import { fromDay, toDay } from '../../components/expiry';
import { optionsOf } from '../../components/labels';
import { createDriver, updateDriver } from '../service';

interface Props {
  open: boolean;
  /** null: create */
  driver: DriverView | null;
  orgOptions: OrgTreeOption[];
  onClose(): void;
  onSaved(d: DriverView): void;
}

const DATES = ['licenceFirstIssuedOn', 'licenceExpiry', 'qualificationExpiry', 'hiredOn'] as const;
/** Stored encrypted and only ever shown masked: on edit, left empty keeps the stored number. */
const NUMBERS = ['idNumber', 'phone', 'licenceNo', 'qualificationNo'] as const;

type Values = Omit<DriverInput, (typeof DATES)[number]> & Partial<Record<(typeof DATES)[number], dayjs.Dayjs | null>>;

function toValues(d: DriverView): Values {
  // the masked numbers stay out of the form, so a masked value is never written back
  return { ...d, ...Object.fromEntries(DATES.map((f) => [f, fromDay(d[f])])) } as Values;
}

function toRequest(v: Values, fallbackOrgId: number): DriverInput {
  const req: DriverInput = {
    ...v,
    orgId: v.orgId ?? fallbackOrgId,
    name: v.name.trim(),
    gender: v.gender ?? null,
    licenceExpiry: toDay(v.licenceExpiry) ?? '',
    licenceFirstIssuedOn: toDay(v.licenceFirstIssuedOn),
    qualificationExpiry: toDay(v.qualificationExpiry),
    hiredOn: toDay(v.hiredOn),
    qualificationCategory: v.qualificationCategory ?? null,
    licenceFileId: v.licenceFileId ?? null,
    qualificationFileId: v.qualificationFileId ?? null,
    photoFileId: v.photoFileId ?? null,
  };
  for (const f of NUMBERS) {
    const n = v[f]?.trim();
    if (n) req[f] = f === 'phone' ? n : n.toUpperCase();
    else delete req[f];
  }
  return req;
}

/**
 * 新建/编辑驾驶员档案. ID, phone, licence and qualification numbers come back masked: on edit the
 * fields stay empty and only a newly entered number is sent.
 */
export default function DriverFormDrawer({ open, driver, orgOptions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<Values>();
  const editing = driver !== null;
  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const files = driver?.files ?? null;
  const date = <DatePicker style={{ width: '100%' }} />;
  const label = (field: string) => t(`archive.driver.${field}`);
  /** on edit: which number is on file, and that an empty field keeps it */
  const kept = (masked: string | null | undefined) => (editing && masked ? t('archive.driver.numberKeep', { value: masked }) : undefined);

  return (
    <ArchiveFormDrawer<Values>
      open={open}
      name="driver"
      title={driver ? t('archive.driver.editTitle', { name: driver.name }) : t('archive.driver.createTitle')}
      form={form}
      record={driver}
      initialValues={driver ? toValues(driver) : { idType: 'id_card', employmentStatus: 'active', orgId: orgOptions.length ? undefined : me.orgId }}
      onClose={onClose}
      onSubmit={async (v) => {
        const request = toRequest(v, driver?.orgId ?? me.orgId);
        onSaved(driver ? await updateDriver(driver.id, request) : await createDriver(request));
      }}
    >
      <FormSection title={label('sectionBasic')}>
        {orgOptions.length > 0 && (
          <Field wide>
            <Form.Item name="orgId" label={t('archive.common.org')} rules={[{ required: true, message: t('archive.common.orgPlaceholder') }]}>
              <TreeSelect treeData={orgOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('archive.common.orgPlaceholder')} />
            </Form.Item>
          </Field>
        )}
        <Field>
          <Form.Item name="name" label={label('name')} rules={[{ ...req(label('name')), whitespace: true }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="gender" label={label('gender')}>
            <Select allowClear options={GENDERS.map((g) => ({ value: g, label: t(`archive.common.genders.${g}`) }))} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="idType" label={label('idType')} rules={[req(label('idType'))]}>
            <Select<IdType> options={optionsOf(ID_TYPES, ID_TYPE_LABELS)} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item
            name="idNumber"
            label={label('idNumber')}
            dependencies={['idType']}
            extra={kept(driver?.idNumberMasked)}
            rules={[
              ...(editing ? [] : [req(label('idNumber'))]),
              ({ getFieldValue }) => ({
                validator: (_, v?: string) => {
                  const problem = v?.trim() ? validateIdNumber(getFieldValue('idType'), v.trim().toUpperCase()) : null;
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              }),
            ]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item
            name="phone"
            label={label('phone')}
            extra={kept(driver?.phoneMasked)}
            rules={[...(editing ? [] : [req(label('phone'))]), checkWith(validateMobile, label('phoneRule'))]}
          >
            <Input maxLength={11} inputMode="numeric" autoComplete="off" />
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="photoFileId" label={label('photo')}>
            <CertificateUpload purpose="driver_photo" label={label('photo')} accept="image/jpeg,image/png,image/webp" files={files} maxSizeMb={5} />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionLicence')}>
        <Field>
          <Form.Item name="licenceClass" label={label('licenceClass')} rules={[req(label('licenceClass'))]}>
            <Select options={DRIVING_LICENCE_CLASSES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="licenceNo" label={label('licenceNo')} extra={kept(driver?.licenceNoMasked)}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="licenceFirstIssuedOn" label={label('licenceFirstIssuedOn')}>
            {date}
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="licenceExpiry" label={label('licenceExpiry')} rules={[req(label('licenceExpiry'))]}>
            {date}
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="licenceFileId" label={label('licenceFile')}>
            <CertificateUpload purpose="driver_licence" label={label('licenceFile')} files={files} />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionQualification')}>
        <Field>
          <Form.Item name="qualificationNo" label={label('qualificationNo')} extra={kept(driver?.qualificationNoMasked)}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="qualificationCategory" label={label('qualificationCategory')}>
            <Select allowClear options={QUALIFICATION_CATEGORIES.map((q) => ({ value: q, label: q }))} />
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="qualificationExpiry" label={label('qualificationExpiry')} rules={[req(label('qualificationExpiry'))]}>
            {date}
          </Form.Item>
        </Field>
        <Field wide>
          <Form.Item name="qualificationFileId" label={label('qualificationFile')}>
            {/* contracts has no purpose of its own for the qualification certificate yet */}
            <CertificateUpload purpose="driver_qualification" label={label('qualificationFile')} files={files} />
          </Form.Item>
        </Field>
      </FormSection>

      <FormSection title={label('sectionEmployment')}>
        <Field>
          <Form.Item name="hiredOn" label={label('hiredOn')}>
            {date}
          </Form.Item>
        </Field>
        <Field>
          <Form.Item name="employmentStatus" label={label('employmentStatus')} rules={[req(label('employmentStatus'))]}>
            <Select options={optionsOf(EMPLOYMENT_STATUSES, EMPLOYMENT_STATUS_LABELS)} />
          </Form.Item>
        </Field>
      </FormSection>
    </ArchiveFormDrawer>
  );
}

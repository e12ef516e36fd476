import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Divider, Drawer, Form, Input, Row, Select, Space, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import { validateIdNumber } from '@dzky/contracts';
import { CertificateUpload } from '../../../../components/upload';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import { applyFieldErrors } from '../../../../utils/form';
import type { OrgTreeOption } from '../../../../utils/org';
import { fromDay, toDay } from '../../components/expiry';
import type { DriverSaveRequest, DriverView, EmploymentStatus } from '../../types';
import { EMPLOYMENT_STATUSES, LICENCE_CLASSES, PHONE_PATTERN, QUALIFICATION_TYPES } from '../constants';
import { createDriver, updateDriver } from '../service';

interface Props {
  open: boolean;
  driver: DriverView | null;
  orgOptions: OrgTreeOption[];
  onClose(): void;
  onSaved(d: DriverView): void;
}

type FileId = number | string | null;
interface Values {
  orgId?: number;
  name: string;
  gender?: 'M' | 'F' | null;
  idNumber?: string;
  phone?: string;
  photoFileId?: FileId;
  licenceClass: string;
  licenceNo?: string;
  licenceExpiry?: dayjs.Dayjs | null;
  licenceFileId?: FileId;
  qualificationNo?: string;
  qualificationType?: string | null;
  qualificationExpiry?: dayjs.Dayjs | null;
  qualificationFileId?: FileId;
  employedAt?: dayjs.Dayjs | null;
  employmentStatus: EmploymentStatus;
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/**
 * 新建/编辑驾驶员档案. ID and phone numbers come back masked: on edit the fields stay empty and
 * only a newly entered number is sent, so a masked value is never written back.
 */
export default function DriverFormDrawer({ open, driver, orgOptions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = driver !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (driver) {
      form.setFieldsValue({
        orgId: driver.orgId,
        name: driver.name,
        gender: driver.gender,
        photoFileId: driver.photoFileId,
        licenceClass: driver.licenceClass,
        licenceNo: driver.licenceNo ?? undefined,
        licenceExpiry: fromDay(driver.licenceExpiry),
        licenceFileId: driver.licenceFileId,
        qualificationNo: driver.qualificationNo ?? undefined,
        qualificationType: driver.qualificationType,
        qualificationExpiry: fromDay(driver.qualificationExpiry),
        qualificationFileId: driver.qualificationFileId,
        employedAt: fromDay(driver.employedAt),
        employmentStatus: driver.employmentStatus,
      });
    } else {
      form.setFieldsValue({ employmentStatus: 'employed', qualificationType: 'passenger', orgId: orgOptions.length ? undefined : me.orgId });
    }
  }, [open, driver, form, orgOptions.length, me.orgId]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const req: DriverSaveRequest = {
        orgId: v.orgId ?? driver?.orgId ?? me.orgId,
        name: v.name.trim(),
        gender: v.gender ?? null,
        licenceClass: v.licenceClass,
        licenceNo: text(v.licenceNo),
        licenceExpiry: toDay(v.licenceExpiry),
        licenceFileId: v.licenceFileId ?? null,
        qualificationNo: text(v.qualificationNo),
        qualificationType: v.qualificationType ?? null,
        qualificationExpiry: toDay(v.qualificationExpiry),
        qualificationFileId: v.qualificationFileId ?? null,
        photoFileId: v.photoFileId ?? null,
        employedAt: toDay(v.employedAt),
        employmentStatus: v.employmentStatus,
      };
      if (v.idNumber?.trim()) req.idNumber = v.idNumber.trim().toUpperCase();
      if (v.phone?.trim()) req.phone = v.phone.trim();
      onSaved(driver ? await updateDriver(driver.id, req) : await createDriver(req));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(false);
    }
  };

  const req = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const files = driver?.files ?? null;
  const date = <DatePicker style={{ width: '100%' }} />;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      destroyOnHidden
      maskClosable={false}
      title={driver ? t('archive.driver.editTitle', { name: driver.name }) : t('archive.driver.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="driver-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" name="driver" scrollToFirstError>
        <Divider orientation="left" orientationMargin={0}>
          {t('archive.driver.sectionBasic')}
        </Divider>
        <Row gutter={16}>
          {orgOptions.length > 0 && (
            <Col span={24}>
              <Form.Item name="orgId" label={t('archive.common.org')} rules={[{ required: true, message: t('archive.common.orgPlaceholder') }]}>
                <TreeSelect treeData={orgOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('archive.common.orgPlaceholder')} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('archive.driver.name')} rules={[{ ...req(t('archive.driver.name')), whitespace: true }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gender" label={t('archive.driver.gender')}>
              <Select
                allowClear
                options={[
                  { value: 'M', label: t('archive.driver.genderMale') },
                  { value: 'F', label: t('archive.driver.genderFemale') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label={t('archive.driver.idNumber')}
              extra={editing ? t('archive.driver.idNumberKeep', { value: driver?.idNumber }) : undefined}
              rules={[
                ...(editing ? [] : [req(t('archive.driver.idNumber'))]),
                {
                  validator: (_, v?: string) => {
                    if (!v?.trim()) return Promise.resolve();
                    const problem = validateIdNumber('id_card', v.trim().toUpperCase());
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('archive.driver.phone')}
              extra={editing ? t('archive.driver.phoneKeep', { value: driver?.phone }) : undefined}
              rules={[...(editing ? [] : [req(t('archive.driver.phone'))]), { pattern: PHONE_PATTERN, message: t('archive.driver.phoneRule') }]}
            >
              <Input maxLength={11} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="photoFileId" label={t('archive.driver.photo')}>
              <CertificateUpload purpose="driver.photo" label={t('archive.driver.photo')} accept="image/jpeg,image/png,image/webp" files={files} maxSizeMb={5} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.driver.sectionLicence')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="licenceClass" label={t('archive.driver.licenceClass')} rules={[req(t('archive.driver.licenceClass'))]}>
              <Select options={LICENCE_CLASSES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="licenceNo" label={t('archive.driver.licenceNo')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="licenceExpiry" label={t('archive.driver.licenceExpiry')} rules={[req(t('archive.driver.licenceExpiry'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="licenceFileId" label={t('archive.driver.licenceFile')}>
              <CertificateUpload purpose="driver.licence" label={t('archive.driver.licenceFile')} files={files} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.driver.sectionQualification')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="qualificationNo" label={t('archive.driver.qualificationNo')} rules={[req(t('archive.driver.qualificationNo'))]}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="qualificationType" label={t('archive.driver.qualificationType')}>
              <Select allowClear options={QUALIFICATION_TYPES.map((q) => ({ value: q, label: t(`archive.driver.qualificationTypes.${q}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="qualificationExpiry" label={t('archive.driver.qualificationExpiry')} rules={[req(t('archive.driver.qualificationExpiry'))]}>
              {date}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="qualificationFileId" label={t('archive.driver.qualificationFile')}>
              <CertificateUpload purpose="driver.qualification" label={t('archive.driver.qualificationFile')} files={files} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          {t('archive.driver.sectionEmployment')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="employedAt" label={t('archive.driver.employedAt')}>
              {date}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employmentStatus" label={t('archive.driver.employmentStatus')} rules={[req(t('archive.driver.employmentStatus'))]}>
              <Select options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: t(`archive.driver.employment.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

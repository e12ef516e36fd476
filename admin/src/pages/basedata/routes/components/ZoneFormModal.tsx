import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RouteStopView, ZoneKind } from '@dzky/contracts';
import { describeGeometry, type AreaGeometry } from '../../../../components/map';
import { nameOf } from '../../utils';

export interface ZoneFormValues {
  name: string;
  kind: ZoneKind;
  stopSeq: number;
}

interface Props {
  open: boolean;
  /** the drawn or edited shape (shown as a summary) */
  geometry: AreaGeometry | null;
  initial: ZoneFormValues;
  stops: readonly RouteStopView[];
  saving: boolean;
  error: string | null;
  title: string;
  onCancel(): void;
  onSubmit(v: ZoneFormValues): void;
}

/** The zone's name and the stop position it belongs to, asked after drawing (or to change them later). */
export default function ZoneFormModal({
  open,
  geometry,
  initial,
  stops,
  saving,
  error,
  title,
  onCancel,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ZoneFormValues>();
  const kind = Form.useWatch('kind', form) ?? initial.kind;

  useEffect(() => {
    if (open) form.setFieldsValue(initial);
  }, [open, initial, form]);

  // a pickup zone feeds a stop where people board, a drop-off zone one where they alight
  const options = stops
    .filter((s) => (kind === 'pickup' ? s.pickup : s.dropoff))
    .map((s) => ({
      value: s.seq,
      label: t('basedata.zones.stopOption', {
        seq: s.seq,
        name: nameOf(s.stopName),
      }),
    }));
  const shape = geometry ? describeGeometry(geometry) : null;

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then(onSubmit, () => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ autoInsertSpace: false, 'data-testid': 'zone-save' } as never}
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
    >
      {shape && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('basedata.zones.shapeSummary', {
            vertices: shape.vertices,
            holes: shape.holes,
            polygons: shape.polygons,
          })}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} name="zone" layout="vertical" initialValues={initial}>
        <Form.Item
          name="name"
          label={t('basedata.zones.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', {
                field: t('basedata.zones.name'),
              }),
            },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="kind" label={t('basedata.zones.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'pickup', label: t('basedata.zones.pickup') },
              { value: 'dropoff', label: t('basedata.zones.dropoff') },
            ]}
            onChange={() => form.setFieldValue('stopSeq', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="stopSeq"
          label={t('basedata.zones.stopSeq')}
          extra={t('basedata.zones.stopSeqHint')}
          rules={[
            {
              required: true,
              message: t('common.select', {
                field: t('basedata.zones.stopSeq'),
              }),
            },
          ]}
        >
          <Select
            options={options}
            placeholder={t('common.select', {
              field: t('basedata.zones.stopSeq'),
            })}
            notFoundContent={t('basedata.zones.noStopForKind')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Row, Space, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  regionCodeProblem,
  type LineCreateRequest,
  type LineUpdateRequest,
  type LineView,
  type OrgNode,
} from '@dzky/contracts';
import { isApiError } from '../../../../request';
import { toTreeOptions } from '../../../../utils/org';
import StopSelect from '../../components/StopSelect';
import { applyErrors } from '../../utils';
import { lineApi } from '../service';

interface Props {
  open: boolean;
  line: LineView | null;
  orgs: OrgNode[];
  onClose(): void;
  onSaved(line: LineView): void;
}

interface Values {
  orgId?: number;
  licenceNo: string;
  name: string;
  originCity: string;
  originRegionCode: string;
  destinationCity: string;
  destinationRegionCode: string;
  validity: [Dayjs, Dayjs];
  approvedStopIds: number[];
  approvedArea?: string;
  enabled: boolean;
}

function formFieldOf(field: string): (string | number)[] | null {
  if (field === 'validFrom' || field === 'validUntil') return ['validity'];
  if (field.startsWith('approvedStopIds')) return ['approvedStopIds'];
  if (
    [
      'orgId',
      'licenceNo',
      'name',
      'originCity',
      'originRegionCode',
      'destinationCity',
      'destinationRegionCode',
      'approvedArea',
      'enabled',
    ].includes(field)
  )
    return [field];
  return null;
}

export default function LineFormDrawer({ open, line, orgs, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const editing = line !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setOtherErrors([]);
    if (line) {
      form.setFieldsValue({
        licenceNo: line.licenceNo,
        name: line.name,
        originCity: line.originCity,
        originRegionCode: line.originRegionCode,
        destinationCity: line.destinationCity,
        destinationRegionCode: line.destinationRegionCode,
        validity: [dayjs(line.validFrom), dayjs(line.validUntil)],
        approvedStopIds: line.approvedStopIds,
        approvedArea: line.approvedArea ?? undefined,
        enabled: line.enabled,
      });
    }
  }, [open, line, form]);

  const regionRule = (label: string) => ({
    validator: async (_: unknown, v: string | undefined) => {
      const problem = regionCodeProblem(v?.trim());
      if (problem) throw new Error(problem === '必填' ? t('common.required', { field: label }) : problem);
    },
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setOtherErrors([]);
    try {
      const base = {
        licenceNo: v.licenceNo.trim(),
        name: v.name.trim(),
        originCity: v.originCity.trim(),
        originRegionCode: v.originRegionCode.trim(),
        destinationCity: v.destinationCity.trim(),
        destinationRegionCode: v.destinationRegionCode.trim(),
        validFrom: v.validity[0].format('YYYY-MM-DD'),
        validUntil: v.validity[1].format('YYYY-MM-DD'),
        approvedStopIds: v.approvedStopIds ?? [],
        approvedArea: v.approvedArea?.trim() || null,
      };
      let saved: LineView;
      if (line) {
        const req: LineUpdateRequest = base;
        saved = await lineApi.update(line.id, req);
      } else {
        const req: LineCreateRequest = {
          ...base,
          orgId: v.orgId,
          enabled: v.enabled,
        };
        saved = await lineApi.create(req);
      }
      onSaved(saved);
    } catch (e) {
      if (!isApiError(e)) setOtherErrors([String(e)]);
      else if (e.errors.length === 0) {
        if (e.errorCode === 'BASEDATA.DUPLICATE')
          form.setFields([{ name: 'licenceNo', errors: [e.errorMessage] }]);
        else setOtherErrors([e.errorMessage]);
      } else setOtherErrors(applyErrors(form, e, formFieldOf));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      width={680}
      title={editing ? t('basedata.lines.editTitle', { name: line?.name }) : t('basedata.lines.createTitle')}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={otherErrors.join('；')} />
      )}
      <Form
        form={form}
        name="line"
        layout="vertical"
        initialValues={{ enabled: true, approvedStopIds: [] }}
        preserve={false}
      >
        {!editing && orgs.length > 0 && (
          <Form.Item name="orgId" label={t('basedata.common.owner')} extra={t('basedata.common.ownerHint')}>
            <TreeSelect
              treeData={toTreeOptions(orgs)}
              treeDefaultExpandAll
              showSearch
              allowClear
              treeNodeFilterProp="title"
              placeholder={t('basedata.common.ownerPlaceholder')}
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="licenceNo"
              label={t('basedata.lines.licenceNo')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', {
                    field: t('basedata.lines.licenceNo'),
                  }),
                },
              ]}
            >
              <Input maxLength={64} placeholder={t('basedata.lines.licenceNoPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('basedata.lines.name')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', {
                    field: t('basedata.lines.name'),
                  }),
                },
              ]}
            >
              <Input maxLength={64} placeholder={t('basedata.lines.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="originCity"
              label={t('basedata.lines.originCity')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', {
                    field: t('basedata.lines.originCity'),
                  }),
                },
              ]}
            >
              <Input maxLength={32} placeholder="深圳市" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="originRegionCode"
              label={t('basedata.lines.originRegionCode')}
              rules={[regionRule(t('basedata.lines.originRegionCode'))]}
            >
              <Input maxLength={6} inputMode="numeric" placeholder="440300" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="destinationCity"
              label={t('basedata.lines.destinationCity')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', {
                    field: t('basedata.lines.destinationCity'),
                  }),
                },
              ]}
            >
              <Input maxLength={32} placeholder="广州市" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="destinationRegionCode"
              label={t('basedata.lines.destinationRegionCode')}
              rules={[regionRule(t('basedata.lines.destinationRegionCode'))]}
            >
              <Input maxLength={6} inputMode="numeric" placeholder="440100" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="validity"
          label={t('basedata.lines.validity')}
          rules={[
            {
              required: true,
              message: t('common.select', {
                field: t('basedata.lines.validity'),
              }),
            },
          ]}
          extra={t('basedata.lines.validityHint')}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[false, false]} />
        </Form.Item>
        <Form.Item
          name="approvedStopIds"
          label={t('basedata.lines.approvedStops')}
          extra={t('basedata.lines.approvedStopsHint')}
        >
          <StopSelect
            mode="multiple"
            known={line?.approvedStops}
            placeholder={t('basedata.lines.approvedStopsPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="approvedArea" label={t('basedata.lines.approvedArea')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('basedata.lines.approvedAreaPlaceholder')}
          />
        </Form.Item>
        {!editing && (
          <Form.Item name="enabled" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

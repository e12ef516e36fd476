import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Radio, Space, Switch, Tag, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  regionCodeProblem,
  STOP_TYPES,
  type LocalizedName,
  type OrgNode,
  type StopCreateRequest,
  type StopType,
  type StopUpdateRequest,
  type StopView,
} from '@dzky/contracts';
import type { MapMarker } from '../../../../components/map';
import { isApiError } from '../../../../request';
import { toTreeOptions } from '../../../../utils/org';
import LocalizedNameInput, { localizedNameRule } from '../../components/LocalizedNameInput';
import PointPicker, { type PointValue } from '../../components/PointPicker';
import { applyErrors, nameOf } from '../../utils';
import { stopApi } from '../service';

interface Props {
  open: boolean;
  /** null: create */
  stop: StopView | null;
  orgs: OrgNode[];
  /** the stops of the list page, drawn grey around the point for orientation */
  neighbours: StopView[];
  onClose(): void;
  onSaved(stop: StopView): void;
}

interface Values {
  orgId?: number;
  code: string;
  name: LocalizedName;
  type: StopType;
  regionCode: string;
  address: string;
  position: PointValue;
  enabled: boolean;
}

/** API field → form field: name.* onto the name block, lng/lat onto the point. */
function formFieldOf(field: string): (string | number)[] | null {
  if (field.startsWith('name')) return ['name'];
  if (field === 'lng' || field === 'lat' || field === 'coordSys') return ['position'];
  if (['orgId', 'code', 'type', 'regionCode', 'address', 'enabled'].includes(field)) return [field];
  return null;
}

export default function StopFormDrawer({ open, stop, orgs, neighbours, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const editing = stop !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setOtherErrors([]);
    if (stop) {
      form.setFieldsValue({
        code: stop.code,
        name: stop.name,
        type: stop.type,
        regionCode: stop.regionCode,
        address: stop.address,
        position: { lng: stop.lng, lat: stop.lat },
        enabled: stop.enabled,
      });
    }
  }, [open, stop, form]);

  const context = useMemo<MapMarker[]>(
    () =>
      neighbours
        .filter((s) => s.id !== stop?.id)
        .map((s) => ({
          id: `n${s.id}`,
          position: [s.lng, s.lat],
          color: '#8c8c8c',
          title: `${s.code} ${nameOf(s.name)}`,
        })),
    [neighbours, stop],
  );

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
        code: v.code.trim(),
        name: v.name,
        type: v.type,
        regionCode: v.regionCode.trim(),
        address: v.address.trim(),
        lng: v.position.lng as number,
        lat: v.position.lat as number,
        coordSys: 'gcj02' as const,
      };
      let saved: StopView;
      if (stop) {
        const req: StopUpdateRequest = base;
        saved = await stopApi.update(stop.id, req);
      } else {
        const req: StopCreateRequest = {
          ...base,
          orgId: v.orgId,
          enabled: v.enabled,
        };
        saved = await stopApi.create(req);
      }
      onSaved(saved);
    } catch (e) {
      if (!isApiError(e)) {
        setOtherErrors([String(e)]);
      } else if (e.errors.length === 0) {
        // a duplicate code is the code field's problem; anything else goes above the form
        if (e.errorCode === 'BASEDATA.DUPLICATE')
          form.setFields([{ name: 'code', errors: [e.errorMessage] }]);
        else setOtherErrors([e.errorMessage]);
      } else {
        setOtherErrors(applyErrors(form, e, formFieldOf));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      width={720}
      title={editing ? t('basedata.stops.editTitle', { code: stop?.code }) : t('basedata.stops.createTitle')}
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
        name="stop"
        layout="vertical"
        initialValues={{ type: 'fixed', enabled: true, name: { 'zh-CN': '' } }}
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
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item
            name="code"
            label={t('basedata.stops.code')}
            style={{ flex: 1 }}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', {
                  field: t('basedata.stops.code'),
                }),
              },
              {
                pattern: /^[A-Za-z0-9_-]{1,32}$/,
                message: t('basedata.stops.codeRule'),
              },
            ]}
          >
            <Input maxLength={32} placeholder="SZ-KJY-01" />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('basedata.stops.type')}
            style={{ flex: 1 }}
            rules={[{ required: true }]}
          >
            <Radio.Group
              optionType="button"
              options={STOP_TYPES.map((v) => ({
                value: v,
                label: t(`basedata.stopType.${v}`),
              }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="name" label={t('basedata.stops.name')} required rules={[localizedNameRule(t)]}>
          <LocalizedNameInput />
        </Form.Item>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item
            name="regionCode"
            label={t('basedata.stops.regionCode')}
            style={{ width: 200 }}
            extra={t('basedata.stops.regionCodeHint')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  const problem = regionCodeProblem(v?.trim());
                  if (problem)
                    throw new Error(
                      problem === '必填'
                        ? t('common.required', {
                            field: t('basedata.stops.regionCode'),
                          })
                        : problem,
                    );
                },
              },
            ]}
          >
            <Input maxLength={6} inputMode="numeric" placeholder="440305" />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('basedata.stops.address')}
            style={{ flex: 1 }}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', {
                  field: t('basedata.stops.address'),
                }),
              },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="position"
          label={
            <Space>
              {t('basedata.stops.position')}
              <Tag color="blue" bordered={false}>
                GCJ-02
              </Tag>
            </Space>
          }
          required
          extra={t('basedata.point.datumNote')}
          rules={[
            {
              validator: async (_, v: PointValue | undefined) => {
                if (typeof v?.lng !== 'number' || typeof v?.lat !== 'number')
                  throw new Error(t('basedata.point.required'));
              },
            },
          ]}
        >
          <PointPicker context={context} />
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

import { useEffect, useState } from 'react';
import { App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { NOTICE_KINDS, NOTICE_KIND_LABELS, type LineView, type NoticeKind, type NoticeView } from '@dzky/contracts';
import { useProfile } from '../../../session';
import { beijingToIso, DISPLAY_TZ } from '../../../utils/time';
import { labelOf } from '../../archive/components/labels';
import { useArchiveOrgs } from '../../archive/components/orgs';
import { lineApi } from '../../basedata/lines/service';
import { formErrorText } from '../../trips/form-errors';
import { noticeApi } from '../service';

interface Values {
  orgId?: number;
  kind: NoticeKind;
  title: string;
  body: string;
  lineIds?: number[];
  validity?: [Dayjs | null, Dayjs | null] | null;
  priority?: number;
  published?: boolean;
}

interface Props {
  open: boolean;
  notice: NoticeView | null;
  onClose(): void;
  onSaved(): void;
}

const local = (iso: string | null) => (iso ? dayjs(dayjs(iso).tz(DISPLAY_TZ).format('YYYY-MM-DDTHH:mm:ss')) : null);

/** 新建 / 编辑公告: what it is, for which lines, from when to when, and whether passengers see it yet. */
export default function NoticeFormDrawer({ open, notice, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const platform = me.orgKind === 'platform';
  const { options: orgOptions } = useArchiveOrgs(platform);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [lines, setLines] = useState<LineView[]>([]);
  const orgId = Form.useWatch('orgId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      notice
        ? {
            orgId: notice.orgId,
            kind: notice.kind,
            title: notice.title,
            body: notice.body,
            lineIds: notice.lineIds,
            validity: notice.validFrom || notice.validUntil ? [local(notice.validFrom), local(notice.validUntil)] : undefined,
            priority: notice.priority,
            published: notice.published,
          }
        : { kind: 'special_requirement', priority: 0, published: true, lineIds: [] },
    );
  }, [open, notice, form]);

  // the lines offered are the chosen operator's (platform staff) or the caller's own
  useEffect(() => {
    if (!open) return;
    if (platform && !orgId) {
      setLines([]);
      return;
    }
    let live = true;
    lineApi.list({ orgId: platform ? orgId : undefined, page: 1, pageSize: 100 }).then(
      (p) => live && setLines(p.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [open, orgId, platform]);

  const submit = async (v: Values) => {
    setSaving(true);
    const req = {
      ...(platform ? { orgId: v.orgId } : {}),
      kind: v.kind,
      title: v.title.trim(),
      body: v.body.trim(),
      lineIds: v.lineIds ?? [],
      validFrom: v.validity?.[0] ? beijingToIso(v.validity[0]) : null,
      validUntil: v.validity?.[1] ? beijingToIso(v.validity[1]) : null,
      priority: v.priority ?? 0,
      published: v.published ?? false,
    };
    try {
      if (notice) await noticeApi.update(notice.id, req);
      else await noticeApi.create(req);
      onSaved();
    } catch (e) {
      // the validity is one field here, two in the request
      const text = formErrorText(form, e, {}, (f) => (f === 'validFrom' || f === 'validUntil' ? 'validity' : f));
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      title={notice ? t('trip.notices.editTitle') : t('trip.notices.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        {platform && (
          <Form.Item name="orgId" label={t('trip.common.operator')} rules={[{ required: true, message: t('trip.common.operatorRequired') }]}>
            <TreeSelect
              treeData={orgOptions}
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
              disabled={notice !== null}
              placeholder={t('trip.common.operatorRequired')}
              onChange={() => form.setFieldValue('lineIds', [])}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('trip.notices.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={NOTICE_KINDS.map((k) => ({ value: k, label: labelOf(NOTICE_KIND_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('trip.notices.noticeTitle')} rules={[{ required: true, whitespace: true, message: t('trip.notices.titleRequired') }, { max: 100 }]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="body" label={t('trip.notices.body')} rules={[{ required: true, whitespace: true, message: t('trip.notices.bodyRequired') }, { max: 5000 }]}>
          <Input.TextArea rows={8} maxLength={5000} showCount placeholder={t('trip.notices.bodyPlaceholder')} />
        </Form.Item>
        <Form.Item name="lineIds" label={t('trip.notices.lines')} extra={t('trip.notices.linesHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            placeholder={t('trip.notices.allLines')}
            options={lines.map((l) => ({ value: l.id, label: `${l.name}（${l.originCity} → ${l.destinationCity}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="validity"
          label={t('trip.notices.validity')}
          extra={t('trip.notices.validityHint')}
          rules={[
            {
              validator: async (_, v?: [Dayjs | null, Dayjs | null] | null) => {
                if (v?.[0] && v?.[1] && !v[0].isBefore(v[1])) throw new Error(t('trip.notices.validityOrder'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="priority" label={t('trip.notices.priority')} extra={t('trip.notices.priorityHint')}>
              <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="published" label={t('trip.notices.published')} valuePropName="checked" extra={t('trip.notices.publishedHint')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

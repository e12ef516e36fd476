import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgKind, OrgNode } from '@dzky/contracts';
import { applyFieldErrors } from '../../../../utils/form';
import { CHILD_KINDS, createOrg, regionCodeRequired, updateOrg } from '../service';

export type OrgFormTarget = { mode: 'create'; parent: OrgNode } | { mode: 'edit'; org: OrgNode };

interface Props {
  target: OrgFormTarget | null;
  onClose(): void;
  onSaved(org: OrgNode): void;
}

interface Values {
  kind: Exclude<OrgKind, 'platform'>;
  name: string;
  regionCode?: string;
}

export default function OrgFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind: OrgKind | undefined = Form.useWatch('kind', form) ?? (target?.mode === 'edit' ? target.org.kind : undefined);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      form.setFieldsValue({ name: target.org.name, regionCode: target.org.regionCode ?? undefined });
    } else {
      form.setFieldsValue({ kind: CHILD_KINDS[target.parent.kind][0] });
    }
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      const regionCode = v.regionCode?.trim() || null;
      const saved =
        target.mode === 'create'
          ? await createOrg({ parentId: target.parent.id, kind: v.kind, name: v.name.trim(), regionCode })
          : await updateOrg(target.org.id, { name: v.name.trim(), regionCode });
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  const regionHint = kind === 'operator' ? t('orgs.regionCodeHintOperator') : kind === 'regulator' ? t('orgs.regionCodeHintRegulator') : undefined;

  return (
    <Modal
      open={target !== null}
      title={target?.mode === 'edit' ? t('orgs.editTitle') : t('orgs.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        {target?.mode === 'create' && (
          <>
            <Form.Item label={t('orgs.parent')}>
              <Input value={target.parent.name} disabled />
            </Form.Item>
            <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true, message: t('common.select', { field: t('orgs.kind') }) }]}>
              <Select options={CHILD_KINDS[target.parent.kind].map((k) => ({ value: k, label: t(`header.orgKind.${k}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('orgs.name') }) },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('orgs.regionCode')}
          extra={regionHint}
          rules={[
            { required: kind ? regionCodeRequired(kind) : false, message: t('common.required', { field: t('orgs.regionCode') }) },
            { pattern: /^\d{6}$/, message: t('orgs.regionCodeRule') },
          ]}
        >
          <Input maxLength={6} inputMode="numeric" placeholder="320100" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { dutyGroupsOf, type PermissionCode, type RoleView } from '@dzky/contracts';
import { applyFieldErrors } from '../../../../utils/form';
import { createRole, updateRole, type PermissionInfo } from '../service';
import PermissionTree from './PermissionTree';

interface Props {
  open: boolean;
  /** null: create */
  role: RoleView | null;
  readOnly: boolean;
  permissions: PermissionInfo[];
  onClose(): void;
  onSaved(role: RoleView): void;
}

interface Values {
  code: string;
  name: string;
  permissions: PermissionCode[];
}

export default function RoleFormModal({ open, role, readOnly, permissions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const selected = Form.useWatch('permissions', form) ?? [];
  const conflict = dutyGroupsOf(selected).length > 1;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(role ? { code: role.code, name: role.name, permissions: role.permissions } : { permissions: [] });
  }, [open, role, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const saved = role
        ? await updateRole(role.id, { name: v.name.trim(), permissions: v.permissions })
        : await createRole({ code: v.code.trim(), name: v.name.trim(), permissions: v.permissions });
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  const title = readOnly ? t('roles.viewTitle') : role ? t('roles.editTitle') : t('roles.createTitle');
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => (readOnly ? onClose() : void submit())}
      okText={readOnly ? t('common.confirm') : t('common.save')}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ style: readOnly ? { display: 'none' } : undefined }}
      okButtonProps={{ disabled: !readOnly && conflict }}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
      maskClosable={readOnly}
    >
      {readOnly && role?.builtIn && <Alert type="info" showIcon message={t('roles.builtInReadonly')} style={{ margin: '16px 0' }} />}
      <Form form={form} layout="vertical" preserve={false} disabled={readOnly} style={{ marginTop: 16 }}>
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={role ? undefined : t('roles.codeRule')}
          rules={[
            { required: true, message: t('common.required', { field: t('roles.code') }) },
            { pattern: /^[a-z][a-z0-9_]{1,63}$/, message: t('roles.codeRule') },
          ]}
        >
          <Input disabled={role !== null || readOnly} maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('roles.name') }) }]}>
          <Input maxLength={64} />
        </Form.Item>
        {conflict && <Alert type="error" showIcon message={t('roles.dutyConflict')} style={{ marginBottom: 16 }} />}
        <Form.Item name="permissions" label={t('roles.permissions')} className="dzky-permission-item">
          <PermissionTree permissions={permissions} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgNode, RoleView, UserCreateRequest, UserUpdateRequest, UserView } from '@dzky/contracts';
import { canGrantRole } from '../../../../access';
import { roleLabel, userRoleNames } from '../../../../locales/roles';
import { useProfile } from '../../../../session';
import { applyFieldErrors } from '../../../../utils/form';
import { toTreeOptions } from '../../../../utils/org';
import NewPasswordInput from '../../../../components/NewPasswordInput';
import { passwordRule } from '../../../../utils/password';
import { createUser, updateUser } from '../service';

interface Props {
  open: boolean;
  /** null: create */
  user: UserView | null;
  orgs: OrgNode[];
  roles: RoleView[];
  onClose(): void;
  onSaved(user: UserView): void;
}

interface Values {
  username: string;
  displayName: string;
  orgId: number;
  phone?: string;
  password?: string;
  roleIds: number[];
}

export default function UserFormModal({ open, user, orgs, roles, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const me = useProfile();
  const editing = user !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      // the phone comes masked: the field stays empty and only a new number is sent
      form.setFieldsValue({ username: user.username, displayName: user.displayName, orgId: user.orgId });
    }
  }, [open, user, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      let saved: UserView;
      if (user) {
        // roles change only through 分配角色 (PUT /users/:id/roles), audited as a security event
        const req: UserUpdateRequest = { displayName: v.displayName.trim(), orgId: v.orgId };
        if (v.phone) req.phone = v.phone;
        saved = await updateUser(user.id, req);
      } else {
        const req: UserCreateRequest = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          phone: v.phone || null,
          password: v.password ?? '',
          roleIds: v.roleIds ?? [],
        };
        saved = await createUser(req);
      }
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle') : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
      maskClosable={false}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameRule')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.username') }) },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={editing} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('common.select', { field: t('users.org') }) }]}>
          <TreeSelect treeData={toTreeOptions(orgs)} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('users.orgPlaceholder')} />
        </Form.Item>
        {editing ? (
          <Form.Item label={t('users.roles')} extra={t('users.rolesChangeHint')}>
            {user?.roleIds.length ? (
              <Space size={[0, 4]} wrap>
                {userRoleNames(user, roles).map((name) => (
                  <Tag key={name} bordered={false} color="blue">
                    {name}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
            )}
          </Form.Item>
        ) : (
          <Form.Item name="roleIds" label={t('users.roles')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              // roles the bff would refuse to grant (beyond the caller's rights) are shown but not offered
              options={roles.map((r) => ({ value: r.id, label: roleLabel(r), disabled: !canGrantRole(r.permissions, me.permissions) }))}
              placeholder={t('common.select', { field: t('users.roles') })}
            />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={editing && user?.phone ? t('users.phoneKeep', { phone: user.phone }) : undefined}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneRule') }]}
        >
          <Input maxLength={11} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={
              <>
                {t('users.initialPasswordHint')}
                <br />
                {t('password.policy')}
              </>
            }
            rules={[{ required: true, message: t('common.required', { field: t('users.initialPassword') }) }, passwordRule(t, () => form.getFieldValue('username'))]}
          >
            <NewPasswordInput />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

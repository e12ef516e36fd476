import { useEffect, useMemo, useState } from 'react';
import { Alert, Checkbox, Descriptions, Empty, Form, Modal, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dutyGroupsOf, type RoleView, type UserView } from '@dzky/contracts';
import { canGrantRole } from '../../../../access';
import { permissionLabel } from '../../../../locales/permissions';
import { roleLabel } from '../../../../locales/roles';
import { isApiError } from '../../../../request';
import { applyFieldErrors } from '../../../../utils/form';
import { assignRoles } from '../service';

interface Props {
  /** the user whose roles are edited; null: closed */
  user: UserView | null;
  roles: RoleView[];
  /** the signed-in user's permissions: roles beyond them are marked (the bff decides) */
  myPermissions: readonly string[];
  onClose(): void;
  onSaved(user: UserView): void;
}

const DUTY_COLOR = { system: 'geekblue', security: 'purple', audit: 'cyan' } as const;

/**
 * 分配角色: replaces a user's roles through PUT /api/admin/users/:id/roles. The security
 * administrator appoints security and audit administrators here; the system administrator assigns
 * the rest. The server's refusals (own roles, 三员分立, granting beyond one's rights) are shown as it
 * words them, on top and on the field.
 */
export default function RoleAssignModal({ user, roles, myPermissions, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ roleIds: number[] }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selected: number[] = Form.useWatch('roleIds', form) ?? [];

  useEffect(() => {
    if (!user) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ roleIds: user.roleIds });
  }, [user, form]);

  const conflictGroups = useMemo(() => {
    const perms = roles.filter((r) => selected.includes(r.id)).flatMap((r) => r.permissions);
    const groups = dutyGroupsOf(perms);
    return groups.length > 1 ? groups : [];
  }, [roles, selected]);

  // a new selection is a new question for the server: drop its last refusal
  const clearRefusal = () => {
    setError(null);
    form.setFields([{ name: 'roleIds', errors: [] }]);
  };

  const submit = async () => {
    if (!user) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await assignRoles(user.id, form.getFieldValue('roleIds') ?? []);
      onSaved(saved);
    } catch (e) {
      if (isApiError(e)) {
        setError(e.errorMessage);
        applyFieldErrors(form, e);
      }
    } finally {
      setSaving(false);
    }
  };

  const name = user ? user.displayName || user.username : '';
  return (
    <Modal
      open={user !== null}
      title={t('users.assignRolesTitle', { name })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      maskClosable={false}
      width={640}
    >
      {user && (
        <Descriptions size="small" column={2} className="dzky-assign__user">
          <Descriptions.Item label={t('users.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.org')}>
            <span className="dzky-ellipsis" title={user.orgName}>
              {user.orgName}
            </span>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('users.assignRolesHint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} />}
      {!error && conflictGroups.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('users.dutyConflictPreview', { groups: conflictGroups.map((g) => t(`roles.dutyGroup.${g}`)).join(t('common.listSeparator')) })}
        />
      )}
      <Form form={form} layout="vertical" preserve={false} onValuesChange={clearRefusal}>
        {roles.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.rolesEmpty')} />}
        <Form.Item
          name="roleIds"
          label={t('users.roles')}
          extra={t('users.selectedRoles', { count: selected.length })}
          style={{ marginBottom: 0 }}
          hidden={roles.length === 0}
        >
          <Checkbox.Group className="dzky-role-list">
            {roles.map((r) => {
              const held = user?.roleIds.includes(r.id) ?? false;
              const grantable = canGrantRole(r.permissions, myPermissions);
              const groups = dutyGroupsOf(r.permissions);
              const perms = r.permissions.map((p) => permissionLabel(p)).join(t('common.listSeparator'));
              const row = (
                <Checkbox value={r.id} disabled={!grantable && !held} className="dzky-role-list__item">
                  <span className="dzky-role-list__head">
                    <span className="dzky-role-list__name">{roleLabel(r)}</span>
                    {groups.map((g) => (
                      <Tag key={g} color={DUTY_COLOR[g]} bordered={false}>
                        {t(`roles.group.${g}`)}
                      </Tag>
                    ))}
                    {!r.builtIn && <Tag bordered={false}>{t('roles.custom')}</Tag>}
                    {held && !grantable && (
                      <Tag color="orange" bordered={false}>
                        {t('users.beyondGrant')}
                      </Tag>
                    )}
                  </span>
                  <Typography.Text type="secondary" className="dzky-role-list__perms" title={perms}>
                    {perms || '-'}
                  </Typography.Text>
                </Checkbox>
              );
              return grantable ? (
                <div key={r.id}>{row}</div>
              ) : (
                <Tooltip key={r.id} title={t('users.notGrantable')} placement="left">
                  <div>{row}</div>
                </Tooltip>
              );
            })}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMemo } from 'react';
import { Tree, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionCode } from '@dzky/contracts';
import { permissionLabel } from '../../../../locales/permissions';
import type { PermissionInfo } from '../service';

interface Props {
  permissions: PermissionInfo[];
  value?: PermissionCode[];
  onChange?: (value: PermissionCode[]) => void;
  disabled?: boolean;
}

const GROUP_PREFIX = 'group:';

/** Permissions as a checkbox tree, one branch per area (group), in the order the bff lists them. */
export default function PermissionTree({ permissions, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const treeData = useMemo<TreeDataNode[]>(() => {
    const groups = new Map<string, PermissionInfo[]>();
    for (const p of permissions) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
    return [...groups.entries()].map(([group, perms]) => ({
      key: GROUP_PREFIX + group,
      title: t(`roles.group.${group}`, { defaultValue: group }),
      children: perms.map((p) => ({ key: p.code, title: `${permissionLabel(p.code, p.label)}  (${p.code})` })),
    }));
  }, [permissions, t]);

  return (
    <Tree
      checkable
      selectable={false}
      defaultExpandAll
      disabled={disabled}
      treeData={treeData}
      checkedKeys={value}
      onCheck={(checked) => {
        const keys = (Array.isArray(checked) ? checked : checked.checked).map(String);
        onChange?.(keys.filter((k) => !k.startsWith(GROUP_PREFIX)) as PermissionCode[]);
      }}
      className="dzky-permission-tree"
    />
  );
}

import type { OrgNode } from '@dzky/contracts';

export interface OrgTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgTreeOption[];
}

/** OrgNode[] → antd TreeSelect data; disabled organisations stay visible but cannot be picked. */
export function toTreeOptions(nodes: readonly OrgNode[], allowDisabled = false): OrgTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: !allowDisabled && !n.enabled,
    children: n.children?.length ? toTreeOptions(n.children, allowDisabled) : undefined,
  }));
}

export function flattenOrgs(nodes: readonly OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flattenOrgs(n.children ?? [])]);
}

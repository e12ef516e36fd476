import { useEffect, useState } from 'react';
import type { OrgNode } from '@dzky/contracts';
import { http } from '../../../request';
import type { OrgTreeOption } from '../../../utils/org';

/** Vehicles and drivers belong to an operator or one of its branches, never to the platform or a regulator. */
function toOptions(nodes: readonly OrgNode[]): OrgTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: !n.enabled || (n.kind !== 'operator' && n.kind !== 'branch'),
    children: n.children?.length ? toOptions(n.children) : undefined,
  }));
}

/**
 * The caller's organisation subtree (the bff returns only that) as TreeSelect options. `enabled`
 * false skips the request (pages that need the tree only for platform staff).
 */
export function useArchiveOrgs(enabled = true) {
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    http.get<OrgNode[]>('/api/admin/orgs', undefined, { silent: true }).then(
      (o) => live && setOrgs(o),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return { orgs, options: toOptions(orgs) };
}

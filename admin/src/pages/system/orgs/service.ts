import type { OrgCreateRequest, OrgKind, OrgNode, OrgUpdateRequest } from '@dzky/contracts';
import { http } from '../../../request';

export function listOrgs() {
  return http.get<OrgNode[]>('/api/admin/orgs');
}

export function createOrg(req: OrgCreateRequest) {
  return http.post<OrgNode>('/api/admin/orgs', req);
}

export function updateOrg(id: number, req: OrgUpdateRequest) {
  return http.put<OrgNode>(`/api/admin/orgs/${id}`, req);
}

/** The tree is platform → operator → branch, with regulators under the platform (design.md). */
export const CHILD_KINDS: Record<OrgKind, Exclude<OrgKind, 'platform'>[]> = {
  platform: ['operator', 'regulator'],
  operator: ['branch'],
  branch: [],
  regulator: [],
};

/** Operators are registered in a division and regulators supervise one: both need the code. */
export function regionCodeRequired(kind: OrgKind): boolean {
  return kind === 'operator' || kind === 'regulator';
}

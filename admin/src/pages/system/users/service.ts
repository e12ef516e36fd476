import type { OrgNode, Page, RoleView, UserCreateRequest, UserQuery, UserUpdateRequest, UserView } from '@dzky/contracts';
import { http } from '../../../request';

const BASE = '/api/admin/users';

export function listUsers(q: UserQuery) {
  return http.get<Page<UserView>>(BASE, { page: q.page, pageSize: q.pageSize, keyword: q.keyword, orgId: q.orgId, enabled: q.enabled });
}

export function getUser(id: number) {
  return http.get<UserView>(`${BASE}/${id}`);
}

export function createUser(req: UserCreateRequest) {
  return http.post<UserView>(BASE, req);
}

export function updateUser(id: number, req: UserUpdateRequest) {
  return http.put<UserView>(`${BASE}/${id}`, req);
}

/** Body of PUT /api/admin/users/:id/roles (not in contracts yet: bff's RoleAssignDTO). */
export interface RoleAssignRequest {
  roleIds: number[];
}

/**
 * Replaces the user's roles. Open to 'system:user:write' and 'security:grant'; the bff refuses
 * one's own roles, roles from two of the system/security/audit groups, and roles beyond what the
 * caller may grant. The dialog shows those refusals itself, hence silent.
 */
export function assignRoles(id: number, roleIds: number[]) {
  const body: RoleAssignRequest = { roleIds };
  return http.put<UserView>(`${BASE}/${id}/roles`, body, { silent: true });
}

export function disableUser(id: number) {
  return http.post<UserView>(`${BASE}/${id}/disable`);
}

export function enableUser(id: number) {
  return http.post<UserView>(`${BASE}/${id}/enable`);
}

export function unlockUser(id: number) {
  return http.post<UserView>(`${BASE}/${id}/unlock`);
}

export function resetTotp(id: number) {
  return http.post<UserView>(`${BASE}/${id}/reset-totp`);
}

export function resetPassword(id: number, password: string) {
  return http.post<UserView>(`${BASE}/${id}/reset-password`, { password });
}

/** For the organisation filter and the user form: only the caller's subtree comes back. */
export function listOrgs() {
  return http.get<OrgNode[]>('/api/admin/orgs');
}

export function listRoles() {
  return http.get<RoleView[]>('/api/admin/roles');
}

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

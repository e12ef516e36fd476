import type { PermissionCode, RoleCreateRequest, RoleUpdateRequest, RoleView } from '@dzky/contracts';
import { http } from '../../../request';

/** One entry of GET /api/admin/permissions: the role editor groups them by `group`. */
export interface PermissionInfo {
  code: PermissionCode;
  label: string;
  group: string;
}

export function listPermissions() {
  return http.get<PermissionInfo[]>('/api/admin/permissions');
}

export function listRoles() {
  return http.get<RoleView[]>('/api/admin/roles');
}

export function createRole(req: RoleCreateRequest) {
  return http.post<RoleView>('/api/admin/roles', req);
}

export function updateRole(id: number, req: RoleUpdateRequest) {
  return http.put<RoleView>(`/api/admin/roles/${id}`, req);
}

export function deleteRole(id: number) {
  return http.del<null>(`/api/admin/roles/${id}`);
}

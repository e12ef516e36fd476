import type { PageQuery } from './envelope';
import type { OrgKind, PermissionCode } from './permissions';

export interface OrgNode {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  /** GB/T 2260 division code: an operator's registered division, or a regulator's region */
  regionCode: string | null;
  enabled: boolean;
  children?: OrgNode[];
}

export interface OrgCreateRequest {
  parentId: number;
  kind: Exclude<OrgKind, 'platform'>;
  name: string;
  regionCode?: string | null;
}

export interface OrgUpdateRequest {
  name?: string;
  regionCode?: string | null;
  enabled?: boolean;
}

export interface RoleView {
  id: number;
  code: string;
  name: string;
  /** the organisation that owns the role; built-in roles belong to the platform */
  orgId: number;
  builtIn: boolean;
  permissions: PermissionCode[];
}

export interface RoleCreateRequest {
  code: string;
  name: string;
  permissions: PermissionCode[];
}

export interface RoleUpdateRequest {
  name?: string;
  permissions?: PermissionCode[];
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  /** masked */
  phone: string | null;
  roleIds: number[];
  roles: string[];
  enabled: boolean;
  totpEnrolled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserQuery extends PageQuery {
  keyword?: string;
  orgId?: number;
  enabled?: boolean;
}

export interface UserCreateRequest {
  username: string;
  displayName: string;
  orgId: number;
  phone?: string | null;
  /** initial password; the user must change it at first sign-in */
  password: string;
  roleIds: number[];
}

export interface UserUpdateRequest {
  displayName?: string;
  orgId?: number;
  phone?: string | null;
  roleIds?: number[];
}

export interface SecuritySettings {
  passwordMaxAgeDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
}

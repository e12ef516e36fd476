import type { Audience, OrgKind, PermissionCode } from '@dzky/contracts';

/** Who is calling, set on ctx.state.principal by the auth guard. */
export interface BasePrincipal {
  audience: Audience;
  sessionId: string;
  subjectId: number;
}

export interface AdminPrincipal extends BasePrincipal {
  audience: 'admin';
  username: string;
  displayName: string;
  orgId: number;
  orgPath: string;
  orgKind: OrgKind;
  orgName: string;
  regionCode: string | null;
  roles: string[];
  permissions: Set<PermissionCode>;
  mustChangePassword: boolean;
  passwordExpiresAt: Date | null;
}

export interface EndUserPrincipal extends BasePrincipal {
  audience: 'passenger' | 'driver';
}

export type Principal = AdminPrincipal | EndUserPrincipal;

/** Where a request came from and who made it: what audit records and sessions need. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  principal?: Principal;
}

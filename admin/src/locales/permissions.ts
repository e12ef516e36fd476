import { Permissions, type PermissionCode } from '@dzky/contracts';
import { currentLang } from './i18n';

/** English labels of the permission codes; Chinese ones come from contracts (and the bff). */
const EN: Record<PermissionCode, string> = {
  'system:user:read': 'View users',
  'system:user:write': 'Manage users',
  'system:role:read': 'View roles',
  'system:role:write': 'Manage roles',
  'system:org:read': 'View organisations',
  'system:org:write': 'Manage organisations',
  'security:grant': 'Grant security/audit administrator roles',
  'security:settings': 'Security policy',
  'security:session': 'Session management',
  'audit:read': 'View audit log',
  'audit:export': 'Export audit log',
  'basedata:read': 'View base data',
  'basedata:write': 'Maintain base data',
  'fare:write': 'Maintain fares and trading rules',
  'dispatch:read': 'View dispatch',
  'dispatch:write': 'Dispatch',
  'order:read': 'View orders',
  'order:write': 'Handle orders',
  'finance:read': 'View finance',
  'finance:write': 'Finance operations',
  'service:complaint': 'Complaints and reviews',
  'regulator:supervise': 'Regulatory queries',
};

export function permissionLabel(code: string, serverLabel?: string): string {
  if (currentLang() === 'en-US' && code in EN) return EN[code as PermissionCode];
  return serverLabel ?? Permissions[code as PermissionCode] ?? code;
}

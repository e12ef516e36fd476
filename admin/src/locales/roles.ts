import type { RoleView, UserView } from '@dzky/contracts';
import i18n from './i18n';

/**
 * The name of a role in the current language: built-in roles by their code (the bff stores their
 * names in Chinese only), custom roles by the name their organisation gave them. With a code alone
 * (the signed-in profile lists codes) a built-in code is taken as the built-in role.
 */
export function roleLabel(role: { code: string; name?: string; builtIn?: boolean }): string {
  const key = `roles.builtInNames.${role.code}`;
  if (role.builtIn !== false && /^[a-z][a-z0-9_]*$/.test(role.code) && i18n.exists(key)) return i18n.t(key);
  return role.name ?? role.code;
}

/**
 * A user's role names: by id from the role list when it has them all (it may not, while loading or
 * for roles outside the caller's view), else from the codes in the user view.
 */
export function userRoleNames(user: Pick<UserView, 'roleIds' | 'roles'>, roles: readonly RoleView[]): string[] {
  const listed = user.roleIds.map((id) => roles.find((r) => r.id === id));
  if (listed.every(Boolean)) return listed.map((r) => roleLabel(r!));
  return user.roles.map((code) => roleLabel({ code }));
}

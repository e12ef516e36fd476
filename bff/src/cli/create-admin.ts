import { randomBytes } from 'crypto';
import { parseArgs } from 'util';
import { BuiltInRoles } from '@dzky/contracts';
import { AdminUserEntity, AdminUserRoleEntity } from '../modules/access/entity/admin-user.entity';
import { RoleEntity } from '../modules/access/entity/role.entity';
import { hashPassword } from '../modules/access/service/admin-auth.service';
import { passwordProblems } from '../modules/access/service/password-policy';
import { cliContext, runCli } from './cli-context';

const FIRST_ADMIN_ROLES: string[] = [BuiltInRoles.SYSTEM_ADMIN, BuiltInRoles.SECURITY_ADMIN, BuiltInRoles.AUDIT_ADMIN];

/**
 * `npm run admin:create -- --username NAME --role system_admin|security_admin|audit_admin`
 *
 * Creates the platform's first administrators on a fresh production database (where no one can yet
 * sign in to create them). Prints a one-time password; the account must change it and enrol TOTP
 * at first sign-in. Refuses a role that already has a holder: after the first three, accounts are
 * created in the admin app, under the separation-of-duties rules.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' } } });
  const username = values.username ?? '';
  const roleCode = values.role ?? '';
  if (!/^[A-Za-z][A-Za-z0-9_.-]{2,63}$/.test(username) || !FIRST_ADMIN_ROLES.includes(roleCode)) {
    console.error(`usage: admin:create -- --username NAME --role ${FIRST_ADMIN_ROLES.join('|')} [--display-name TEXT]`);
    return 2;
  }
  const ctx = await cliContext();
  try {
    const role = await RoleEntity.findOne({ where: { code: roleCode, builtIn: true } });
    if (!role) throw new Error(`built-in role ${roleCode} is missing: run the migrations`);
    if (await AdminUserRoleEntity.count({ where: { roleId: role.id } })) {
      console.error(`${roleCode} already has a holder; create further accounts in the admin app`);
      return 1;
    }
    if (await AdminUserEntity.findOne({ where: { username } })) {
      console.error(`user name ${username} is taken`);
      return 1;
    }
    let password = '';
    do password = `${randomBytes(9).toString('base64url')}#9a`; while (passwordProblems(password, username).length);
    const user = await AdminUserEntity.create({
      username,
      displayName: values['display-name'] ?? role.name,
      orgId: 1,
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
      mustChangePassword: true,
      failedAttempts: 0,
      enabled: true,
    });
    await AdminUserRoleEntity.create({ userId: user.id, roleId: role.id });
    console.warn(`created ${username} (${role.name}); one-time password: ${password}`);
    console.warn('sign in at the admin app: the password must be changed and an authenticator enrolled first.');
    return 0;
  } finally {
    await ctx.close();
  }
}

if (require.main === module) runCli(main);

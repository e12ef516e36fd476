import type { Application } from '@midwayjs/koa';
import { TOTP, Secret } from 'otpauth';
import { Op } from 'sequelize';
import { AdminUserEntity, AdminUserRoleEntity } from '../../src/modules/access/entity/admin-user.entity';
import { OrgEntity } from '../../src/modules/access/entity/org.entity';
import { RoleEntity } from '../../src/modules/access/entity/role.entity';
import { hashPassword } from '../../src/modules/access/service/admin-auth.service';
import { FieldCipher } from '../../src/common/security/field-cipher.service';
import { newTotpSecret } from '../../src/modules/access/service/totp';

export const PASSWORD = 'Passw0rd!test';

export async function createOrg(parentId: number, kind: 'operator' | 'branch' | 'regulator', name: string, regionCode: string | null = null) {
  const parent = await OrgEntity.findByPk(parentId);
  const org = await OrgEntity.create({ parentId, kind, name, regionCode, path: 'pending', enabled: true });
  org.path = `${parent!.path}${org.id}/`;
  await org.save();
  return org;
}

export interface TestAdmin {
  id: number;
  username: string;
  password: string;
  totpSecret: string;
  orgId: number;
}

/** An admin account with TOTP already enrolled (the secret is returned so tests can make codes). */
export async function createAdmin(app: Application, opts: { username: string; orgId?: number; roles: string[]; mustChangePassword?: boolean; phone?: string }): Promise<TestAdmin> {
  const cipher = await app.getApplicationContext().getAsync(FieldCipher);
  const totpSecret = newTotpSecret();
  const user = await AdminUserEntity.create({
    username: opts.username,
    displayName: opts.username,
    orgId: opts.orgId ?? 1,
    passwordHash: await hashPassword(PASSWORD),
    passwordChangedAt: new Date(),
    mustChangePassword: opts.mustChangePassword ?? false,
    totpSecretEnc: cipher.encrypt(totpSecret),
    phoneEnc: cipher.encrypt(opts.phone ?? null),
    phoneBidx: cipher.blindIndex(opts.phone ?? null, 'admin_user.phone'),
    failedAttempts: 0,
    enabled: true,
  });
  const roles = await RoleEntity.findAll({ where: { code: { [Op.in]: opts.roles } } });
  if (roles.length !== opts.roles.length) throw new Error(`unknown roles in ${opts.roles}`);
  await AdminUserRoleEntity.bulkCreate(roles.map((r) => ({ userId: user.id, roleId: r.id })));
  return { id: user.id, username: opts.username, password: PASSWORD, totpSecret, orgId: user.orgId };
}

/**
 * A valid code for the next 30-second step this user has not used yet (codes are single-use), so a
 * test may sign the same user in more than once within one step. When the ±1 step window is used
 * up, the user's replay marker is cleared — a shortcut for fixtures only; the replay rule itself is
 * proven by its own test without this helper.
 */
export async function nextTotpCode(userId: number, secret: string): Promise<string> {
  let user = await AdminUserEntity.findByPk(userId);
  if (user?.totpLastStep !== null && Number(user?.totpLastStep) >= Math.floor(Date.now() / 30_000) + 1) {
    await AdminUserEntity.update({ totpLastStep: null }, { where: { id: userId } });
    user = await AdminUserEntity.findByPk(userId);
  }
  const current = Math.floor(Date.now() / 30_000);
  const last = user?.totpLastStep === null || user?.totpLastStep === undefined ? -Infinity : Number(user.totpLastStep);
  // never the previous step: on a loaded machine the request may reach the server after the next
  // step began, and the previous step would then be two steps old, outside the ±1 window
  const step = [current, current + 1].find((s) => s > last);
  if (step === undefined) throw new Error('no unused TOTP step left in the window');
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: step * 30_000 + 1000 });
}

type Req = () => any;

/** Signs an admin in through the real HTTP API; returns the session (tokens and profile). */
export async function signIn(request: Req, admin: TestAdmin) {
  const login = await request().post('/api/admin/auth/login').send({ username: admin.username, password: admin.password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const code = await nextTotpCode(admin.id, admin.totpSecret);
  const totp = await request().post('/api/admin/auth/totp').send({ challengeToken: login.body.data.challengeToken, code });
  if (totp.status !== 200) throw new Error(`totp failed: ${JSON.stringify(totp.body)}`);
  return totp.body.data as { accessToken: string; refreshToken: string; profile: any };
}

import { readFileSync } from 'fs';
import { join } from 'path';
import { Op } from 'sequelize';
import { AdminUserEntity, AdminUserRoleEntity } from '../modules/access/entity/admin-user.entity';
import { OrgEntity } from '../modules/access/entity/org.entity';
import { RoleEntity } from '../modules/access/entity/role.entity';
import { hashPassword } from '../modules/access/service/admin-auth.service';
import { cliContext, runCli } from './cli-context';
import { seedDemoBaseData } from './seed-basedata';
import { seedDemoArchives } from './seed-archives';
import { seedDemoTrips } from './seed-trips';

interface DemoSeed {
  orgs: { key: string; parent: string; kind: 'operator' | 'branch' | 'regulator'; name: string; regionCode: string | null }[];
  users: { username: string; displayName: string; org: string; roles: string[]; password: string; phone?: string }[];
}

export const DEMO_SEED_FILE = join(__dirname, '..', '..', '..', 'config', 'demo', 'seed.json');

/**
 * `npm run seed`: loads the demo organisations and accounts (config/demo/seed.json). Idempotent:
 * what exists already is left as it is. Demo only — production starts from an empty platform.
 */
export async function seedDemo(): Promise<{ created: string[] }> {
  const seed: DemoSeed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'));
  const ctx = await cliContext();
  const created: string[] = [];
  try {
    const orgIds = new Map<string, OrgEntity>([['platform', (await OrgEntity.findByPk(1))!]]);
    for (const o of seed.orgs) {
      const parent = orgIds.get(o.parent)!;
      let org = await OrgEntity.findOne({ where: { name: o.name, parentId: parent.id } });
      if (!org) {
        org = await OrgEntity.create({ parentId: parent.id, kind: o.kind, name: o.name, regionCode: o.regionCode, path: 'pending', enabled: true });
        org.path = `${parent.path}${org.id}/`;
        await org.save();
        created.push(`org ${o.name}`);
      }
      orgIds.set(o.key, org);
    }
    for (const u of seed.users) {
      if (await AdminUserEntity.findOne({ where: { username: u.username } })) continue;
      const user = await AdminUserEntity.create({
        username: u.username,
        displayName: u.displayName,
        orgId: orgIds.get(u.org)!.id,
        phoneEnc: ctx.cipher.encrypt(u.phone ?? null),
        phoneBidx: ctx.cipher.blindIndex(u.phone ?? null, 'admin_user.phone'),
        passwordHash: await hashPassword(u.password),
        passwordChangedAt: new Date(),
        // demo accounts keep their published passwords; real accounts must change theirs first
        mustChangePassword: false,
        failedAttempts: 0,
        enabled: true,
      });
      const roles = await RoleEntity.findAll({ where: { code: { [Op.in]: u.roles }, builtIn: true } });
      await AdminUserRoleEntity.bulkCreate(roles.map((r) => ({ userId: user.id, roleId: r.id })));
      created.push(`user ${u.username}`);
    }
    await seedDemoBaseData(ctx, orgIds, created);
    await seedDemoArchives(ctx, orgIds, created);
    await seedDemoTrips(ctx, orgIds, created);
  } finally {
    await ctx.close();
  }
  return { created };
}

if (require.main === module) {
  runCli(async () => {
    const { created } = await seedDemo();
    console.warn(created.length ? `demo data loaded: ${created.join(', ')}` : 'demo data already present');
    return 0;
  });
}

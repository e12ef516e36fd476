import { chinaToday } from '@dzky/contracts';
import { cliContext } from '../../src/cli/cli-context';
import { seedDemoArchives } from '../../src/cli/seed-archives';
import { DriverEntity, ExpiryWarningEntity, OperatorArchiveEntity, VehicleEntity } from '../../src/modules/archive/entity';
import { ExpiryService } from '../../src/modules/archive/service/expiry.service';
import { startApp, type TestApp } from '../support/app';
import { addDays, archiveWorld } from './helpers';

describe('demo archives (config/demo/archives.json)', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof cliContext>>;
  let w: Awaited<ReturnType<typeof archiveWorld>>;

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 's');
    // the CLI's own connection to the same database, as `npm run seed` has it
    ctx = await cliContext();
  });
  afterAll(async () => {
    await ctx.close();
    await t.close();
  });

  it('R-6.1.2 the seed loads verified archives, is idempotent, and leaves expiry warnings for the dashboard', async () => {
    const orgs = new Map([['op1', w.op1], ['op2', w.op2]]);
    const created: string[] = [];
    await seedDemoArchives(ctx, orgs, created);
    expect(created).toEqual(expect.arrayContaining(['vehicle 粤B12345D', 'vehicle 粤B66889D', 'vehicle 粤A52013D', 'driver 张国强', 'driver 陈丽华']));
    expect(await OperatorArchiveEntity.count()).toBe(2);
    expect((await VehicleEntity.findAll()).map((v) => [v.plateNo, v.verificationStatus])).toEqual([
      ['粤B12345D', 'verified'], ['粤B66889D', 'verified'], ['粤A52013D', 'verified'],
    ]);
    expect(await DriverEntity.count()).toBe(4);

    const warnings = await ExpiryWarningEntity.findAll({ where: { open: true } });
    expect(warnings.map((x) => [x.kind, x.document, x.expiresOn])).toEqual(expect.arrayContaining([
      ['vehicle', 'insurance', addDays(chinaToday(), 12)],
      ['driver', 'qualification', addDays(chinaToday(), 5)],
    ]));
    // the driver whose certificate lapses in 5 days was told by SMS (no driver-app account yet)
    expect(t.sandbox.sms.messages('13900139004')).toHaveLength(1);

    // `npm start` seeds every time: a seed that adds nothing asks no registry and runs no scan
    const registryCalls = t.sandbox.licence.state.requests().length;
    expect(registryCalls).toBeGreaterThan(0);
    const scan = jest.spyOn(ExpiryService.prototype, 'runExpiryScan');
    const again: string[] = [];
    await seedDemoArchives(ctx, orgs, again);
    expect(again).toEqual([]);
    expect(t.sandbox.licence.state.requests()).toHaveLength(registryCalls);
    expect(scan).not.toHaveBeenCalled();
    scan.mockRestore();
    expect(await VehicleEntity.count()).toBe(3);
    expect(t.sandbox.sms.messages('13900139004')).toHaveLength(1);
  });
});

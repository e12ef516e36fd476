import { QueryTypes, Sequelize } from 'sequelize';
import * as foundation from '../../src/migrations/0001-foundation';
import * as roles from '../../src/migrations/0002-built-in-roles';
import * as basedata from '../../src/migrations/0003-base-data';

const TABLES = ['bd_stop', 'bd_line', 'bd_route', 'bd_route_stop', 'bd_zone', 'bd_version'];

describe('migration 0003-base-data', () => {
  it('R-6.1.1 creates the base data tables, gives dispatchers basedata:write, and down reverts both', async () => {
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const qi = sequelize.getQueryInterface();
    const dispatcher = async () =>
      JSON.parse((await sequelize.query<{ permissions: string }>("SELECT permissions FROM role WHERE code = 'dispatcher'", { type: QueryTypes.SELECT }))[0].permissions) as string[];
    try {
      await foundation.up(qi);
      await roles.up(qi);
      expect(await dispatcher()).not.toContain('basedata:write');
      await basedata.up(qi);
      expect(await qi.showAllTables()).toEqual(expect.arrayContaining(TABLES));
      expect(await dispatcher()).toContain('basedata:write');
      const stopIndexes = (await qi.showIndex('bd_stop')) as { name: string; unique: boolean }[];
      expect(stopIndexes).toContainEqual(expect.objectContaining({ name: 'bd_stop_org_code', unique: true }));
      await basedata.down(qi);
      expect((await qi.showAllTables()).filter((t) => TABLES.includes(t))).toEqual([]);
      expect(await dispatcher()).not.toContain('basedata:write');
      expect(await dispatcher()).toContain('basedata:read');
      await basedata.up(qi);
      expect(await qi.showAllTables()).toEqual(expect.arrayContaining(TABLES));
    } finally {
      await sequelize.close();
    }
  });
});

import { Sequelize } from 'sequelize';
import * as archives from '../../src/migrations/0004-archives';

const TABLES = ['platform_profile', 'operator_archive', 'driver', 'vehicle', 'archive_history', 'expiry_warning', 'expiry_delivery'];

describe('migration 0004-archives', () => {
  it('R-8.2 creates the archive tables with their unique keys and removes them again on down', async () => {
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const qi = sequelize.getQueryInterface();
    try {
      await archives.up(qi);
      expect(await qi.showAllTables()).toEqual(expect.arrayContaining(TABLES));
      const indexes = (await qi.showIndex('expiry_warning')) as { name: string; unique: boolean }[];
      expect(indexes).toContainEqual(expect.objectContaining({ name: 'expiry_warning_once', unique: true }));
      const driverIndexes = (await qi.showIndex('driver')) as { unique: boolean; fields: { attribute: string }[] }[];
      expect(driverIndexes.some((i) => i.unique && i.fields.map((f) => f.attribute).join() === 'id_number_bidx')).toBe(true);
      await archives.down(qi);
      expect((await qi.showAllTables()).filter((t) => TABLES.includes(t))).toEqual([]);
      // and up again after down: the pair is repeatable
      await archives.up(qi);
      expect(await qi.showAllTables()).toEqual(expect.arrayContaining(TABLES));
    } finally {
      await sequelize.close();
    }
  });
});

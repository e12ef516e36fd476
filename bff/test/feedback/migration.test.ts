import { QueryTypes, Sequelize } from 'sequelize';
import * as feedback from '../../src/migrations/0010-feedback';
import * as hotline from '../../src/migrations/0012-hotline-complaints';

const row = (over: Record<string, unknown>) => ({
  complaint_no: 'C1', end_user_id: 7, client_key: 'key-00000001', request_hash: 'h', kind: 'complaint', category: 'timing',
  content: '司机迟到了二十分钟，也没有提前通知乘客', order_id: null, org_id: 3, contact_phone_enc: null, status: 'submitted',
  accepted_at: null, resolved_at: null, closed_at: null, created_at: new Date(), updated_at: new Date(), ...over,
});

describe('migration 0012-hotline-complaints', () => {
  it('R-6.2.8 keeps every complaint (as channel app), lets hotline calls have no account, keeps the unique keys, and goes back down', async () => {
    const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const qi = sequelize.getQueryInterface();
    const rows = () => sequelize.query<{ id: number; end_user_id: number | null; channel: string }>('SELECT id, end_user_id, channel FROM complaint ORDER BY id', { type: QueryTypes.SELECT });
    try {
      await feedback.up(qi);
      await qi.bulkInsert('complaint', [row({}), row({ complaint_no: 'C2', client_key: 'key-00000002' })]);
      await hotline.up(qi);
      expect(await rows()).toEqual([{ id: 1, end_user_id: 7, channel: 'app' }, { id: 2, end_user_id: 7, channel: 'app' }]);

      // a passenger may still send several (end_user_id alone is not unique)
      await qi.bulkInsert('complaint', [row({ complaint_no: 'C7', client_key: 'key-00000007' })]);
      await qi.sequelize.query("DELETE FROM complaint WHERE complaint_no = 'C7'");
      // a call logged by staff: no account; two calls logged by different staff with the same key are two calls
      await qi.bulkInsert('complaint', [row({ complaint_no: 'C3', end_user_id: null, channel: 'hotline', logged_by: 5 })]);
      await qi.bulkInsert('complaint', [row({ complaint_no: 'C4', end_user_id: null, channel: 'hotline', logged_by: 6 })]);
      // the same staff user's key twice, a passenger's key twice, a complaint number twice: refused
      await expect(qi.bulkInsert('complaint', [row({ complaint_no: 'C5', end_user_id: null, channel: 'hotline', logged_by: 5 })])).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
      await expect(qi.bulkInsert('complaint', [row({ complaint_no: 'C6' })])).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
      await expect(qi.bulkInsert('complaint', [row({ complaint_no: 'C1', client_key: 'key-00000009' })])).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
      const names = ((await qi.showIndex('complaint')) as { name: string }[]).map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(['complaint_no', 'complaint_client_key', 'complaint_org_status', 'complaint_status_created', 'complaint_logged_client_key']));

      await hotline.down(qi);
      expect((await sequelize.query('SELECT id, end_user_id FROM complaint ORDER BY id', { type: QueryTypes.SELECT }))).toEqual([{ id: 1, end_user_id: 7 }, { id: 2, end_user_id: 7 }]);
      await hotline.up(qi);
      expect((await rows()).map((r) => r.channel)).toEqual(['app', 'app']);
    } finally {
      await sequelize.close();
    }
  });
});

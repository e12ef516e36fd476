import { QueryTypes } from 'sequelize';
import { PassengerProfileEntity } from '../../src/modules/passenger/entity';
import { startApp, type TestApp } from '../support/app';
import { passenger } from './helpers';

describe('passenger profile (个人资料)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  it('R-6.1.2 a passenger sets nickname, gender and an emergency contact; the phone comes back masked', async () => {
    const p = await passenger(t, 'profile-amy');
    const empty = await t.request().get('/api/app/profile').set(p.auth);
    expect(empty.body.data).toMatchObject({ id: p.id, nickname: null, gender: null, emergencyContactName: null, emergencyContactPhone: null, privacyConsentRequired: null });
    const res = await t.request().put('/api/app/profile').set(p.auth).send({ nickname: '小艾', gender: 'female', emergencyContactName: '艾父', emergencyContactPhone: '13600136000' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ nickname: '小艾', gender: 'female', emergencyContactName: '艾父', emergencyContactPhone: '136****6000' });
    // leaving fields out keeps them
    const partial = await t.request().put('/api/app/profile').set(p.auth).send({ nickname: '艾艾' });
    expect(partial.body.data).toMatchObject({ nickname: '艾艾', gender: 'female', emergencyContactPhone: '136****6000' });
    const rows = await PassengerProfileEntity.sequelize!.query('SELECT * FROM passenger_profile', { type: QueryTypes.SELECT });
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('13600136000');
    expect(dump).not.toContain('艾父');
    // cleared as a pair
    const cleared = await t.request().put('/api/app/profile').set(p.auth).send({ emergencyContactName: '', emergencyContactPhone: null });
    expect(cleared.body.data).toMatchObject({ emergencyContactName: null, emergencyContactPhone: null });
  });

  it('R-6.1.2 a bad emergency contact is refused field by field', async () => {
    const p = await passenger(t, 'profile-ben');
    const res = await t.request().put('/api/app/profile').set(p.auth).send({ emergencyContactName: '', emergencyContactPhone: '1234' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([
      { field: 'emergencyContactName', reason: '请填写紧急联系人姓名' },
      { field: 'emergencyContactPhone', reason: '紧急联系人手机号码应为11位中国大陆手机号' },
    ]));
    const gender = await t.request().put('/api/app/profile').set(p.auth).send({ gender: 'unknown' });
    expect(gender.status).toBe(422);
    expect(gender.body.errors[0].field).toBe('gender');
  });
});

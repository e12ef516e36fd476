import { QueryTypes } from 'sequelize';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { RiderEntity } from '../../src/modules/passenger/entity';
import { startApp, type TestApp } from '../support/app';
import { idCard, passenger } from './helpers';

describe('real-name riders (乘车人)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  const adult = idCard('1990-03-07', '123');
  const rawRows = () => RiderEntity.sequelize!.query<Record<string, unknown>>('SELECT * FROM rider', { type: QueryTypes.SELECT });

  it('R-6.1.2 a passenger adds a rider: own name whole, ID and phone masked, birth date kept, adult', async () => {
    const a = await passenger(t, 'add-alice');
    const res = await t.request().post('/api/app/riders').set(a.auth).send({ name: '张三', idType: 'id_card', idNumber: adult, phone: '13912345678', isSelf: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: '张三', idType: 'id_card', idNumberMasked: `110***********${adult.slice(-4)}`, phoneMasked: '139****5678',
      isSelf: true, passengerType: 'adult', birthDate: '1990-03-07',
    });
    expect(JSON.stringify(res.body)).not.toContain(adult);
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    const list = await t.request().get('/api/app/riders').set(a.auth);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].idNumberMasked).toBe(res.body.data.idNumberMasked);
  });

  it('R-6.1.2 a rider under 14 by the ID card birth date is a child; a passport carries no birth date', async () => {
    const a = await passenger(t, 'child-carol');
    const year = new Date().getUTCFullYear() - 6;
    const child = await t.request().post('/api/app/riders').set(a.auth).send({ name: '李小明', idType: 'id_card', idNumber: idCard(`${year}-01-15`, '456') });
    expect(child.body.data).toMatchObject({ passengerType: 'child', birthDate: `${year}-01-15` });
    const passport = await t.request().post('/api/app/riders').set(a.auth).send({ name: 'John Smith', idType: 'passport', idNumber: 'e12345678' });
    expect(passport.status).toBe(200);
    // as printed on the document: upper case
    expect(passport.body.data).toMatchObject({ name: 'JOHN SMITH', passengerType: 'adult', birthDate: null, idNumberMasked: 'E12**5678' });
  });

  it('R-6.1.2 bad input is refused with every field and its Chinese reason, nothing stored', async () => {
    const a = await passenger(t, 'bad-dave');
    const wrongCheck = adult.slice(0, 17) + (adult[17] === '0' ? '1' : '0');
    const res = await t.request().post('/api/app/riders').set(a.auth).send({ name: '张', idType: 'id_card', idNumber: wrongCheck, phone: '12345' });
    expect(res.status).toBe(422);
    expect(res.body.errorCode).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([
      { field: 'idNumber', reason: '居民身份证号码校验位错误' },
      { field: 'name', reason: '姓名应为2至30个字符' },
      { field: 'phone', reason: '手机号码应为11位中国大陆手机号' },
    ]));
    const badDate = await t.request().post('/api/app/riders').set(a.auth).send({ name: '王五', idType: 'id_card', idNumber: '110105199002301234' });
    expect(badDate.body.errors).toEqual([{ field: 'idNumber', reason: '居民身份证号码中的出生日期无效' }]);
    const badType = await t.request().post('/api/app/riders').set(a.auth).send({ name: '王五', idType: 'driving_licence', idNumber: adult });
    expect(badType.status).toBe(422);
    expect(badType.body.errors[0].field).toBe('idType');
    const mixed = await t.request().post('/api/app/riders').set(a.auth).send({ name: '王5', idType: 'tw_permit', idNumber: '1234567' });
    expect(mixed.body.errors).toEqual(expect.arrayContaining([
      { field: 'name', reason: '姓名只能为中文或英文字母，与证件上一致' },
      { field: 'idNumber', reason: '台湾居民来往大陆通行证号码应为8位数字' },
    ]));
    expect((await t.request().get('/api/app/riders').set(a.auth)).body.data).toEqual([]);
  });

  it('R-8.2 ID and phone numbers are encrypted at rest: a raw query shows neither', async () => {
    const rows = await rawRows();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(adult);
    expect(dump).not.toContain('13912345678');
    expect(dump).not.toContain('E12345678');
    for (const row of rows) expect(String(row.id_number_enc)).toMatch(/^v1\./);
  });

  it('R-6.1.2 another passenger\'s rider answers 404 on read, change and delete; lists show only one\'s own', async () => {
    const a = await passenger(t, 'own-erin');
    const b = await passenger(t, 'own-frank');
    const mine = (await t.request().post('/api/app/riders').set(a.auth).send({ name: '赵六', idType: 'id_card', idNumber: idCard('1985-06-01', '111') })).body.data;
    await t.request().post('/api/app/riders').set(b.auth).send({ name: '钱七', idType: 'id_card', idNumber: idCard('1986-06-01', '222') });

    const read = await t.request().get(`/api/app/riders/${mine.id}`).set(b.auth);
    expect(read.status).toBe(404);
    expect(read.body.errorCode).toBe('NOT_FOUND');
    const change = await t.request().put(`/api/app/riders/${mine.id}`).set(b.auth).send({ name: '冒名', idType: 'id_card', idNumber: idCard('1987-06-01', '333') });
    expect(change.status).toBe(404);
    const remove = await t.request().delete(`/api/app/riders/${mine.id}`).set(b.auth);
    expect(remove.status).toBe(404);
    // same answer as an ID that does not exist: nothing leaks
    const missing = await t.request().get('/api/app/riders/999999').set(b.auth);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe(read.body.errorCode);

    const bList = (await t.request().get('/api/app/riders').set(b.auth)).body.data;
    expect(bList.map((r: any) => r.name)).toEqual(['钱七']);
    const still = await t.request().get(`/api/app/riders/${mine.id}`).set(a.auth);
    expect(still.status).toBe(200);
    expect(still.body.data.name).toBe('赵六');
  });

  it('R-6.1.2 an owner updates and soft-deletes a rider; the row stays for bookings but leaves the list', async () => {
    const a = await passenger(t, 'edit-gina');
    const r = (await t.request().post('/api/app/riders').set(a.auth).send({ name: '孙八', idType: 'id_card', idNumber: idCard('1970-12-31', '444') })).body.data;
    const upd = await t.request().put(`/api/app/riders/${r.id}`).set(a.auth).send({ name: '孙八妹', idType: 'hk_mo_permit', idNumber: 'h12345678', phone: '13700001111' });
    expect(upd.status).toBe(200);
    expect(upd.body.data).toMatchObject({ name: '孙八妹', idType: 'hk_mo_permit', idNumberMasked: 'H12**5678', phoneMasked: '137****1111', birthDate: null });
    const del = await t.request().delete(`/api/app/riders/${r.id}`).set(a.auth);
    expect(del.status).toBe(200);
    expect((await t.request().get('/api/app/riders').set(a.auth)).body.data).toEqual([]);
    expect((await t.request().get(`/api/app/riders/${r.id}`).set(a.auth)).status).toBe(404);
    expect((await t.request().delete(`/api/app/riders/${r.id}`).set(a.auth)).status).toBe(404);
    const row = await RiderEntity.findByPk(r.id);
    expect(row?.deletedAt).not.toBeNull();
    const actions = (await AuditRecordEntity.findAll({ where: { targetType: 'rider', targetId: String(r.id) }, order: [['seq', 'ASC']] })).map((x) => x.action);
    expect(actions).toEqual(['rider.create', 'rider.update', 'rider.delete']);
    const audit = JSON.stringify(await AuditRecordEntity.findAll({ where: { targetType: 'rider' }, raw: true }));
    expect(audit).not.toContain('H12345678');
    expect(audit).not.toContain('13700001111');
  });

  it('R-6.1.2 an update may leave out the ID (same type) and phone the app only knows masked; both are kept', async () => {
    const a = await passenger(t, 'keep-lily');
    const n = idCard('1991-01-01', '777');
    const r = (await t.request().post('/api/app/riders').set(a.auth).send({ name: '冯二', idType: 'id_card', idNumber: n, phone: '13811112222' })).body.data;
    const renamed = await t.request().put(`/api/app/riders/${r.id}`).set(a.auth).send({ name: '冯二二', idType: 'id_card' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: '冯二二', idNumberMasked: r.idNumberMasked, phoneMasked: '138****2222', birthDate: '1991-01-01' });
    // another type needs its number
    const typeOnly = await t.request().put(`/api/app/riders/${r.id}`).set(a.auth).send({ name: '冯二二', idType: 'passport' });
    expect(typeOnly.status).toBe(422);
    expect(typeOnly.body.errors).toEqual([{ field: 'idNumber', reason: '证件号码不能为空' }]);
    const noPhone = await t.request().put(`/api/app/riders/${r.id}`).set(a.auth).send({ name: '冯二二', idType: 'id_card', phone: '' });
    expect(noPhone.body.data.phoneMasked).toBeNull();
  });

  it('R-6.1.2 the same ID twice is refused (also when typed with a lower-case x); after deletion it may be added again', async () => {
    const a = await passenger(t, 'dup-hank');
    const withX = (() => {
      for (let seq = 100; seq < 999; seq++) {
        const n = idCard('1992-02-02', String(seq));
        if (n.endsWith('X')) return n;
      }
      throw new Error('no X check character found');
    })();
    const first = await t.request().post('/api/app/riders').set(a.auth).send({ name: '周九', idType: 'id_card', idNumber: withX });
    expect(first.status).toBe(200);
    const again = await t.request().post('/api/app/riders').set(a.auth).send({ name: '周九九', idType: 'id_card', idNumber: withX.toLowerCase() });
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe('RIDER.DUPLICATE');
    expect(again.body.errors).toEqual([{ field: 'idNumber', reason: '该证件号码的乘车人已添加' }]);
    // another account may hold the same person as a rider (a family member books too)
    const b = await passenger(t, 'dup-ivy');
    expect((await t.request().post('/api/app/riders').set(b.auth).send({ name: '周九', idType: 'id_card', idNumber: withX })).status).toBe(200);

    await t.request().delete(`/api/app/riders/${first.body.data.id}`).set(a.auth);
    const readd = await t.request().post('/api/app/riders').set(a.auth).send({ name: '周九', idType: 'id_card', idNumber: withX });
    expect(readd.status).toBe(200);
  });

  it('R-6.1.2 at most one rider is 本人', async () => {
    const a = await passenger(t, 'self-jack');
    const me = (await t.request().post('/api/app/riders').set(a.auth).send({ name: '吴十', idType: 'id_card', idNumber: idCard('1988-08-08', '555'), isSelf: true })).body.data;
    const other = await t.request().post('/api/app/riders').set(a.auth).send({ name: '郑一', idType: 'id_card', idNumber: idCard('1989-09-09', '666'), isSelf: true });
    expect(other.status).toBe(409);
    expect(other.body.errorCode).toBe('RIDER.SELF_EXISTS');
    // saving the 本人 rider again keeps the flag
    const same = await t.request().put(`/api/app/riders/${me.id}`).set(a.auth).send({ name: '吴十', idType: 'id_card', idNumber: idCard('1988-08-08', '555'), isSelf: true });
    expect(same.status).toBe(200);
    expect(same.body.data.isSelf).toBe(true);
  });

  it(`R-6.1.2 an account holds at most 15 riders`, async () => {
    const a = await passenger(t, 'cap-kate');
    for (let i = 0; i < 15; i++) {
      const res = await t.request().post('/api/app/riders').set(a.auth).send({ name: '乘客甲', idType: 'id_card', idNumber: idCard('1980-01-01', String(100 + i)) });
      expect(res.status).toBe(200);
    }
    const over = await t.request().post('/api/app/riders').set(a.auth).send({ name: '乘客乙', idType: 'id_card', idNumber: idCard('1980-01-01', '900') });
    expect(over.status).toBe(409);
    expect(over.body.errorCode).toBe('RIDER.LIMIT_REACHED');
    expect((await t.request().get('/api/app/riders').set(a.auth)).body.data).toHaveLength(15);
  });
});

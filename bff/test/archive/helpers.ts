import { SEED_DRIVERS, SEED_OPERATORS, SEED_VEHICLES } from '@dzky/sandbox';
import { bearer, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn } from '../support/fixtures';

export type Auth = ReturnType<typeof bearer>;

/** Two operators, their admins, and a platform admin (operator_admin at the root sees everything). */
export async function archiveWorld(t: TestApp, prefix: string) {
  const op1 = await createOrg(1, 'operator', `${prefix}鹏程客运`, '440300');
  const op2 = await createOrg(1, 'operator', `${prefix}羊城客运`, '440100');
  const sign = async (username: string, orgId: number, roles: string[]) => {
    const admin = await createAdmin(t.app, { username, orgId, roles });
    return bearer((await signIn(t.request, admin)).accessToken);
  };
  return {
    op1,
    op2,
    platform: await sign(`${prefix}_platform`, 1, ['operator_admin']),
    admin1: await sign(`${prefix}_op1`, op1.id, ['operator_admin']),
    admin2: await sign(`${prefix}_op2`, op2.id, ['operator_admin']),
  };
}

/** An operator archive exactly as the sandbox registry has the first demo operator. */
export function operatorInput(i = 0) {
  const o = SEED_OPERATORS[i];
  return {
    legalName: o.name,
    creditCode: o.creditCode,
    legalRepresentative: '周建国',
    contactName: '林小姐',
    contactPhone: '13712345678',
    address: '深圳市福田区深南大道 1 号',
    permitNo: o.permitNo,
    permitScope: o.businessScope,
    permitExpiry: o.validUntil,
    agreementNo: `PT-2026-00${i + 1}`,
    agreementSignedOn: '2026-01-01',
    agreementValidUntil: '2028-12-31',
  };
}

/** A vehicle exactly as the registry has it (verification passes once the operator's permit is on file). */
export function vehicleInput(i = 0, extra: Record<string, unknown> = {}) {
  const v = SEED_VEHICLES[i];
  return {
    plateNo: v.plateNo,
    plateColor: v.plateColor,
    approvedSeats: v.approvedSeats,
    vehicleType: 'medium',
    vehicleClass: 'high1',
    brand: '宇通',
    model: 'ZK6809BEVG',
    transportCertNo: v.transportCertNo,
    transportCertExpiry: v.validUntil,
    annualInspectionDue: '2027-09-30',
    insurer: '中国人保',
    insurancePolicyNo: 'PZAA2026440300001',
    insuranceExpiry: '2027-06-30',
    terminalId: 'T000001',
    terminalMaker: '70111',
    terminalModel: 'ZD-808',
    terminalPhone: '13800000001',
    ...extra,
  };
}

/** A driver as the registry has them; the phone is ours to choose. */
export function driverInput(i = 0, phone = '13912340000', extra: Record<string, unknown> = {}) {
  const d = SEED_DRIVERS[i];
  return {
    name: d.name,
    gender: 'male',
    idType: 'id_card',
    idNumber: d.qualificationNo,
    phone,
    licenceNo: d.qualificationNo,
    licenceClass: 'A1',
    licenceFirstIssuedOn: '2008-05-20',
    licenceExpiry: '2030-05-20',
    qualificationNo: d.qualificationNo,
    qualificationCategory: d.qualificationType,
    qualificationExpiry: d.validUntil,
    ...extra,
  };
}

export { addDays } from '../../src/modules/archive/service/archive-support';

/** A driver-app account: WeChat sign-in, then the phone number through getPhoneNumber. */
export async function driverAccount(t: TestApp, user: string, phone: string): Promise<{ id: number; openid: string }> {
  const { code, openid } = t.sandbox.wechat.login(t.apps.driver, user);
  const login = await t.request().post('/api/driver/auth/wechat').send({ code });
  const auth = bearer(login.body.data.accessToken);
  const bound = await t.request().post('/api/driver/me/phone').set(auth).send({ code: t.sandbox.wechat.phoneCode(t.apps.driver, user, phone).code });
  if (bound.status !== 200) throw new Error(JSON.stringify(bound.body));
  return { id: login.body.data.profile.id, openid };
}

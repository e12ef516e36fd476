import { readFileSync } from 'fs';
import { join } from 'path';
import {
  chinaToday, maskIdNumber, maskPhone, validateCreditCode, validateDriverInput, validateVehicleInput,
  type ArchiveKind, type DriverInput, type OperatorInput, type OperatorMerchantInput, type VehicleInput,
} from '@dzky/contracts';
import type { OrgEntity } from '../modules/access/entity/org.entity';
import { ArchiveHistoryEntity, DriverEntity, OperatorArchiveEntity, VehicleEntity } from '../modules/archive/entity';
import { addDays, operatorOrgOf, verdictOrNull, verificationColumns, type VerificationOutcome } from '../modules/archive/service/archive-support';
import { DRIVER_ID_INDEX, DRIVER_PHONE_INDEX, checkDriver, driverOperability } from '../modules/archive/service/driver.service';
import { OPERATOR_CONTACT_PHONE_INDEX, checkOperator, operatorOperability } from '../modules/archive/service/operator-archive.service';
import { checkVehicle, vehicleOperability } from '../modules/archive/service/vehicle.service';
import type { cliContext } from './cli-context';
import { expiryServiceFor, licenceRegistryFor } from './expiry-job';

export type SeedContext = Awaited<ReturnType<typeof cliContext>>;

interface DemoArchives {
  operators: (OperatorInput & { org: string; merchant?: OperatorMerchantInput })[];
  vehicles: (VehicleInput & { org: string })[];
  drivers: (DriverInput & { org: string })[];
}

export const DEMO_ARCHIVES_FILE = join(__dirname, '..', '..', '..', 'config', 'demo', 'archives.json');

/** "+12d" is 12 days after today, so the demo always has documents about to expire. */
function resolveDates<T extends object>(record: T, today: string): T {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => {
      const m = typeof v === 'string' ? /^\+(\d+)d$/.exec(v) : null;
      return [k, m ? addDays(today, Number(m[1])) : v];
    }),
  ) as T;
}

/**
 * Demo archives (config/demo/archives.json), loaded by `npm run seed` after the organisations.
 * Idempotent: what exists already is left as it is. Each new record is checked against the licence
 * registry when it answers (the sandbox in the demo); when any record was added the expiry scan
 * runs once so the dashboard shows its warnings straight away. `npm start` seeds on every start, so
 * a seed that adds nothing must ask no registry and message no driver: that is the daily job's work.
 */
export async function seedDemoArchives(ctx: SeedContext, orgs: Map<string, OrgEntity>, created: string[]): Promise<void> {
  const before = created.length;
  const demo: DemoArchives = JSON.parse(readFileSync(DEMO_ARCHIVES_FILE, 'utf8'));
  const today = chinaToday();
  const registry = licenceRegistryFor(ctx);
  // the registry may be down while seeding: records then stay 'unverified', as in the app
  const verified = (check: () => Promise<VerificationOutcome>) => verdictOrNull(check, console, 'demo archive');
  const orgOf = (key: string) => {
    const org = orgs.get(key);
    if (!org) throw new Error(`archives.json names org "${key}", which seed.json does not create`);
    return org;
  };
  const history = (kind: ArchiveKind, recordId: number, snapshot: object) =>
    ArchiveHistoryEntity.create({ kind, recordId, version: 1, action: 'create', actorId: null, actorName: '演示数据', snapshot: JSON.stringify(snapshot) });

  for (const raw of demo.operators) {
    const o = resolveDates(raw, today);
    const org = orgOf(o.org);
    if (await OperatorArchiveEntity.findOne({ where: { orgId: org.id } })) continue;
    if (validateCreditCode(o.creditCode)) throw new Error(`archives.json: ${o.legalName}: ${validateCreditCode(o.creditCode)}`);
    const outcome = await verified(() => checkOperator(registry, { ...o, permitNo: o.permitNo ?? null, permitScope: o.permitScope ?? null, permitExpiry: o.permitExpiry ?? null }));
    const row = OperatorArchiveEntity.build({
      orgId: org.id, legalName: o.legalName, creditCode: o.creditCode, legalRepresentative: o.legalRepresentative, contactName: o.contactName,
      contactPhoneEnc: ctx.cipher.encrypt(o.contactPhone ?? null), contactPhoneBidx: ctx.cipher.blindIndex(o.contactPhone ?? null, OPERATOR_CONTACT_PHONE_INDEX),
      address: o.address, businessLicenceFileId: null, businessLicenceExpiry: o.businessLicenceExpiry ?? null,
      permitNo: o.permitNo, permitScope: o.permitScope, permitExpiry: o.permitExpiry, permitFileId: null,
      agreementNo: o.agreementNo ?? null, agreementSignedOn: o.agreementSignedOn ?? null, agreementValidUntil: o.agreementValidUntil ?? null, agreementFileId: null,
      merchantMode: o.merchant?.mode ?? null, subMchId: o.merchant?.subMchId ?? null, mchId: o.merchant?.mchId ?? null,
      settlementAccountName: o.merchant?.settlementAccountName ?? null, status: 'active', ...verificationColumns(outcome),
    });
    const { operable, blockers } = operatorOperability(row, today);
    await row.set({ operable, blockers: JSON.stringify(blockers) }).save();
    const { merchant: _merchant, org: _org, contactPhone, ...snapshot } = o;
    await history('operator', org.id, { ...snapshot, contactPhoneMasked: maskPhone(contactPhone), verification: outcome?.status ?? 'unverified', operable, blockers });
    created.push(`operator archive ${o.legalName}`);
  }

  for (const raw of demo.vehicles) {
    const v = resolveDates(raw, today);
    const org = orgOf(v.org);
    const problems = validateVehicleInput(v);
    if (problems.length) throw new Error(`archives.json: ${v.plateNo}: ${JSON.stringify(problems)}`);
    if (await VehicleEntity.findOne({ where: { plateNo: v.plateNo, plateColor: v.plateColor } })) continue;
    const operatorOrg = await operatorOrgOf(org);
    const operator = operatorOrg ? await OperatorArchiveEntity.findOne({ where: { orgId: operatorOrg.id } }) : null;
    const outcome = await verified(() => checkVehicle(registry, { ...v, transportCertNo: v.transportCertNo ?? null, transportCertExpiry: v.transportCertExpiry ?? null }, operator?.permitNo ?? null));
    const { org: _org, ...fields } = v;
    const row = VehicleEntity.build({ ...fields, orgId: org.id, certificateFileIds: null, enabled: true, ...verificationColumns(outcome) });
    const { operable, blockers } = vehicleOperability(row, today);
    await row.set({ operable, blockers: JSON.stringify(blockers) }).save();
    await history('vehicle', row.id, { ...fields, verification: outcome?.status ?? 'unverified', operable, blockers });
    created.push(`vehicle ${v.plateNo}`);
  }

  for (const raw of demo.drivers) {
    const d = resolveDates(raw, today);
    const org = orgOf(d.org);
    const problems = validateDriverInput(d, true);
    if (problems.length) throw new Error(`archives.json: ${d.name}: ${JSON.stringify(problems)}`);
    const idNumber = d.idNumber!.toUpperCase();
    if (await DriverEntity.findOne({ where: { idNumberBidx: ctx.cipher.blindIndex(idNumber, DRIVER_ID_INDEX) } })) continue;
    const outcome = await verified(() => checkDriver(registry, { ...d, idNumber, qualificationNo: d.qualificationNo ?? null, qualificationCategory: d.qualificationCategory ?? null, qualificationExpiry: d.qualificationExpiry ?? null }));
    const row = DriverEntity.build({
      orgId: org.id, name: d.name, gender: d.gender ?? null, idType: d.idType,
      idNumberEnc: ctx.cipher.encrypt(idNumber), idNumberBidx: ctx.cipher.blindIndex(idNumber, DRIVER_ID_INDEX),
      phoneEnc: ctx.cipher.encrypt(d.phone!), phoneBidx: ctx.cipher.blindIndex(d.phone!, DRIVER_PHONE_INDEX),
      licenceNoEnc: ctx.cipher.encrypt(d.licenceNo ?? null), licenceClass: d.licenceClass,
      licenceFirstIssuedOn: d.licenceFirstIssuedOn ?? null, licenceExpiry: d.licenceExpiry, licenceFileId: null,
      qualificationNoEnc: ctx.cipher.encrypt(d.qualificationNo ?? null), qualificationCategory: d.qualificationCategory ?? null,
      qualificationExpiry: d.qualificationExpiry ?? null, qualificationFileId: null, photoFileId: null,
      employmentStatus: d.employmentStatus ?? 'active', hiredOn: d.hiredOn ?? null, linkedEndUserId: null, linkedAt: null, enabled: true,
      ...verificationColumns(outcome),
    });
    const { operable, blockers } = driverOperability(row, today);
    await row.set({ operable, blockers: JSON.stringify(blockers) }).save();
    await history('driver', row.id, {
      name: d.name, idType: d.idType, idNumberMasked: maskIdNumber(idNumber), phoneMasked: maskPhone(d.phone),
      licenceClass: d.licenceClass, licenceExpiry: d.licenceExpiry, qualificationExpiry: d.qualificationExpiry,
      verification: outcome?.status ?? 'unverified', operable, blockers,
    });
    created.push(`driver ${d.name}`);
  }

  if (created.length === before) return;
  const scan = await expiryServiceFor(ctx).runExpiryScan(today);
  if (scan.created) created.push(`${scan.created} expiry warnings`);
}

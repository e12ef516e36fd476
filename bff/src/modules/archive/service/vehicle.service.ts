import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import {
  PLATE_COLOR_LABELS, chinaToday, normalizePlateNo, validateVehicleInput,
  type ArchiveHistoryEntry, type HistoryAction, type Operability, type Page, type VehicleInput, type VehicleQuery,
  type VehicleView, type VerificationView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { FileService } from '../../file/service/file.service';
import type { LicenceRegistryPort } from '../../integration/port/licence-registry.port';
import { OperatorArchiveEntity, VehicleEntity } from '../entity';
import { ArchiveHistoryService } from './archive-history.service';
import {
  archiveFilters, clean, compareWithRegistry, documentBlockers, duplicate, fileIdsOf, findInScope, notFoundOutcome,
  operatorOrgOf, orgNames, owningOrg, throwIfErrors, verdictOrNull, verificationBlocker, verificationColumns,
  verificationView, type IndexedProblem, type VerificationOutcome,
} from './archive-support';

/** The vehicle fields as stored, from an input that passed validateVehicleInput. */
type VehicleFields = Omit<VehicleInput, 'orgId' | 'certificateFileIds'> & { certificateFileIds: number[] };

function normalise(input: VehicleInput): VehicleFields {
  return {
    plateNo: normalizePlateNo(input.plateNo),
    plateColor: Number(input.plateColor) as VehicleInput['plateColor'],
    approvedSeats: Number(input.approvedSeats),
    vehicleType: input.vehicleType,
    vehicleClass: input.vehicleClass,
    brand: clean(input.brand),
    model: clean(input.model),
    vin: clean(input.vin)?.toUpperCase() ?? null,
    transportCertNo: clean(input.transportCertNo),
    transportCertExpiry: clean(input.transportCertExpiry),
    transportCertFileId: input.transportCertFileId ?? null,
    annualInspectionDue: clean(input.annualInspectionDue),
    insurer: clean(input.insurer),
    insurancePolicyNo: clean(input.insurancePolicyNo),
    insuranceExpiry: clean(input.insuranceExpiry),
    insuranceFileId: input.insuranceFileId ?? null,
    terminalId: clean(input.terminalId)?.toUpperCase() ?? null,
    terminalMaker: clean(input.terminalMaker),
    terminalModel: clean(input.terminalModel),
    terminalPhone: clean(input.terminalPhone),
    certificateFileIds: [...new Set(input.certificateFileIds ?? [])],
  };
}

type VehicleCheckFields = Pick<VehicleFields, 'plateNo' | 'plateColor' | 'approvedSeats' | 'transportCertNo' | 'transportCertExpiry'>;

/**
 * the vehicle as the registry has it. It must also be registered to the operator it is
 * filed under (`operatorPermitNo`, the operator archive's permit).
 */
export async function checkVehicle(registry: LicenceRegistryPort, v: VehicleCheckFields, operatorPermitNo: string | null): Promise<VerificationOutcome> {
  const record = await registry.findVehicle(v.plateNo, v.plateColor);
  if (!record) return notFoundOutcome('车辆');
  return compareWithRegistry(
    [
      { field: 'approvedSeats', label: '核定座位数', archive: v.approvedSeats, registry: record.approvedSeats },
      { field: 'transportCertNo', label: '道路运输证号', archive: v.transportCertNo, registry: record.transportCertNo },
      { field: 'transportCertExpiry', label: '道路运输证有效期', archive: v.transportCertExpiry, registry: record.validUntil },
      { field: 'ownerPermitNo', label: '所属经营许可证号', archive: operatorPermitNo, registry: record.ownerPermitNo },
    ],
    record.status,
    '车辆',
  );
}

/** Vehicle operability: enabled, certificate, inspection and insurance in date, registry check passed. */
export function vehicleOperability(v: VehicleEntity, today: string = chinaToday()): Operability {
  const blockers: string[] = [];
  if (!v.enabled) blockers.push('车辆档案已停用');
  blockers.push(
    ...documentBlockers(
      [
        { label: '道路运输证', expiry: v.transportCertExpiry, required: true },
        { label: '年审', expiry: v.annualInspectionDue, required: true },
        { label: '承运人责任险', expiry: v.insuranceExpiry, required: true },
      ],
      today,
    ),
  );
  const unverified = verificationBlocker(v);
  if (unverified) blockers.push(unverified);
  return { operable: blockers.length === 0, blockers };
}

/**
 * Vehicle archives with licence verification. Org-owned: staff see and change
 * only vehicles of their subtree; any other id answers 404.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class VehicleService {
  @Inject() private db: DatabaseService;
  @Inject() private history: ArchiveHistoryService;
  @Inject() private files: FileService;
  @Inject('licenceRegistryPort') private registry: LicenceRegistryPort;
  @Logger() private logger: ILogger;

  async list(principal: AdminPrincipal, q: VehicleQuery): Promise<Page<VehicleView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize ?? 20)));
    const { rows, count } = await VehicleEntity.findAndCountAll({
      where: await this.where(principal, q),
      order: [['id', 'DESC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: await this.views(rows, false), total: count, page, pageSize };
  }

  /** Every matching vehicle (export), in id order. */
  async all(principal: AdminPrincipal, q: VehicleQuery): Promise<VehicleView[]> {
    const rows = await VehicleEntity.findAll({ where: await this.where(principal, q), order: [['id', 'ASC']], limit: 10_000 });
    return this.views(rows, false);
  }

  async get(principal: AdminPrincipal, id: number): Promise<VehicleView> {
    return (await this.views([await this.visible(principal, id)], true))[0];
  }

  async create(principal: AdminPrincipal, input: VehicleInput, origin: RequestOrigin): Promise<VehicleView> {
    throwIfErrors(validateVehicleInput(input));
    const fields = normalise(input);
    const org = await owningOrg(principal, input.orgId);
    await this.files.assertUsable(principal, this.fileIds(fields));
    // ask the registry before the write: a slow registry must not hold the database's write lock
    const outcome = await this.tryVerify(fields, org);
    const row = await this.write(async (t) => {
      await this.assertUnique(fields, null, t);
      const created = await VehicleEntity.create(
        { orgId: org.id, ...this.columns(fields), enabled: true, ...verificationColumns(outcome), operable: false, blockers: null },
        { transaction: t },
      );
      await this.afterChange(created, 'create', origin, t);
      return created;
    });
    return this.get(principal, row.id);
  }

  /**
   * Creates every vehicle or none (spreadsheet import). Problems come back per input index and
   * field, all at once; nothing is written unless there are none.
   */
  async createMany(principal: AdminPrincipal, inputs: VehicleInput[], origin: RequestOrigin, dryRun = false): Promise<{ created: number; problems: IndexedProblem[] }> {
    const problems: IndexedProblem[] = [];
    const prepared: { fields: VehicleFields; org: OrgEntity }[] = [];
    const seen = new Map<string, number>();
    for (const [index, input] of inputs.entries()) {
      const errors = validateVehicleInput(input);
      problems.push(...errors.map((e) => ({ index, ...e })));
      if (errors.length) continue;
      const fields = normalise(input);
      const org = await owningOrg(principal, input.orgId).catch((e) => {
        problems.push({ index, field: 'orgId', reason: e.errors?.[0]?.reason ?? '所属机构无效' });
        return null;
      });
      const key = `${fields.plateNo}|${fields.plateColor}`;
      if (seen.has(key)) problems.push({ index, field: 'plateNo', reason: `与第 ${seen.get(key)! + 1} 条重复` });
      else seen.set(key, index);
      if (await VehicleEntity.count({ where: { plateNo: fields.plateNo, plateColor: fields.plateColor } })) {
        problems.push({ index, field: 'plateNo', reason: `车牌 ${fields.plateNo} 的车辆档案已存在` });
      }
      if (org) prepared.push({ fields, org });
    }
    if (problems.length || dryRun) return { created: 0, problems };
    const outcomes: (VerificationOutcome | null)[] = [];
    for (const p of prepared) outcomes.push(await this.tryVerify(p.fields, p.org));
    await this.write(async (t) => {
      for (const [i, p] of prepared.entries()) {
        const created = await VehicleEntity.create(
          { orgId: p.org.id, ...this.columns(p.fields), enabled: true, ...verificationColumns(outcomes[i]), operable: false, blockers: null },
          { transaction: t },
        );
        await this.afterChange(created, 'create', origin, t, { via: 'import' });
      }
    });
    return { created: prepared.length, problems: [] };
  }

  async update(principal: AdminPrincipal, id: number, input: VehicleInput, origin: RequestOrigin): Promise<VehicleView> {
    throwIfErrors(validateVehicleInput(input));
    const fields = normalise(input);
    const current = await this.visible(principal, id);
    const org = input.orgId && input.orgId !== current.orgId ? await owningOrg(principal, input.orgId) : (await OrgEntity.findByPk(current.orgId))!;
    await this.files.assertUsable(principal, this.fileIds(fields));
    const outcome = await this.tryVerify(fields, org);
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      await this.assertUnique(fields, row.id, t);
      // a changed record is checked again; when the registry could not be asked it is 'unverified'
      await row.update({ orgId: org.id, ...this.columns(fields), ...verificationColumns(outcome) }, { transaction: t });
      await this.afterChange(row, 'update', origin, t);
    });
    return this.get(principal, id);
  }

  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<VehicleView> {
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      if (row.enabled === enabled) return;
      await row.update({ enabled }, { transaction: t });
      await this.afterChange(row, enabled ? 'enable' : 'disable', origin, t);
    });
    return this.get(principal, id);
  }

  /**
   * asks the registry now and stores the outcome. An unreachable registry is a 502 and
   * nothing is changed — a failed check must not read as "not registered".
   */
  async verify(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<VerificationView> {
    const current = await this.visible(principal, id);
    const org = (await OrgEntity.findByPk(current.orgId))!;
    const outcome = await this.check(current, org);
    const row = await this.db.transaction(async (t) => {
      const locked = await this.lockVisible(principal, id, t);
      await locked.update(verificationColumns(outcome), { transaction: t });
      await this.afterChange(locked, 'verify', origin, t, { status: outcome.status, reason: outcome.reason });
      return locked;
    });
    return verificationView(row);
  }

  async historyOf(principal: AdminPrincipal, id: number): Promise<ArchiveHistoryEntry[]> {
    const row = await this.visible(principal, id);
    return this.history.list('vehicle', row.id);
  }

  /** For dispatch (a later issue): computed now, not from the stored flag. */
  async operabilityOf(vehicleId: number): Promise<Operability> {
    const row = await VehicleEntity.findByPk(vehicleId);
    if (!row) throw new NotFoundError('车辆');
    return vehicleOperability(row);
  }

  async assertOperable(vehicleId: number): Promise<void> {
    const { operable, blockers } = await this.operabilityOf(vehicleId);
    if (!operable) {
      throw new DomainError('ARCHIVE.NOT_OPERABLE', `车辆不可运营：${blockers.join('；')}`, { detail: { vehicleId, blockers } });
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Stores the computed operability (list filters read it), a history version and the audit entry (same transaction). */
  private async afterChange(row: VehicleEntity, action: HistoryAction, origin: RequestOrigin, t: Transaction, extra: Record<string, unknown> = {}): Promise<void> {
    const { operable, blockers } = vehicleOperability(row);
    await row.update({ operable, blockers: JSON.stringify(blockers) }, { transaction: t });
    const [view] = await this.views([row], false, t);
    await this.history.record('vehicle', row.id, action, view, origin, t, { plateNo: row.plateNo, plateColor: row.plateColor, operable, ...extra });
  }

  private tryVerify(fields: VehicleFields, org: OrgEntity): Promise<VerificationOutcome | null> {
    return verdictOrNull(() => this.check(fields, org), this.logger, `vehicle ${fields.plateNo}`);
  }

  private async check(v: VehicleCheckFields, org: OrgEntity): Promise<VerificationOutcome> {
    const operatorOrg = await operatorOrgOf(org);
    const operator = operatorOrg ? await OperatorArchiveEntity.findOne({ where: { orgId: operatorOrg.id } }) : null;
    return checkVehicle(this.registry, v, operator?.permitNo ?? null);
  }

  private columns(f: VehicleFields) {
    return { ...f, certificateFileIds: f.certificateFileIds.length ? JSON.stringify(f.certificateFileIds) : null };
  }

  private fileIds(f: VehicleFields): number[] {
    return fileIdsOf(f.transportCertFileId, f.insuranceFileId, f.certificateFileIds);
  }

  private async assertUnique(f: VehicleFields, exceptId: number | null, t: Transaction): Promise<void> {
    const other = await VehicleEntity.findOne({
      where: { plateNo: f.plateNo, plateColor: f.plateColor, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) },
      transaction: t,
    });
    if (other) throw duplicate('plateNo', `${PLATE_COLOR_LABELS[f.plateColor].zh}牌照 ${f.plateNo} 的车辆档案已存在`);
  }

  private async where(principal: AdminPrincipal, q: VehicleQuery): Promise<WhereOptions> {
    const and = await archiveFilters(principal, q);
    const plate = q.plateNo ? normalizePlateNo(q.plateNo) : '';
    if (plate) and.push({ plateNo: { [Op.like]: `%${plate.replace(/[%_\\]/g, '')}%` } });
    return { [Op.and]: and };
  }

  private visible(principal: AdminPrincipal, id: number): Promise<VehicleEntity> {
    return findInScope<VehicleEntity>(VehicleEntity, principal, id, '车辆');
  }

  private lockVisible(principal: AdminPrincipal, id: number, t: Transaction): Promise<VehicleEntity> {
    return findInScope<VehicleEntity>(VehicleEntity, principal, id, '车辆', t, true);
  }

  /** The unique index backs the duplicate check up should two writers race past it. */
  private async write<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw duplicate('plateNo', '该车牌号与车牌颜色的车辆档案已存在');
      throw e;
    }
  }

  private async views(rows: VehicleEntity[], withFiles: boolean, t?: Transaction): Promise<VehicleView[]> {
    const orgs = await orgNames(rows.map((r) => r.orgId), t);
    const today = chinaToday();
    return Promise.all(
      rows.map(async (v) => {
        const certificateFileIds = v.certificateFileIds ? (JSON.parse(v.certificateFileIds) as number[]) : [];
        const { operable, blockers } = vehicleOperability(v, today);
        return {
          id: v.id,
          orgId: v.orgId,
          orgName: orgs.get(v.orgId)?.name ?? '',
          plateNo: v.plateNo,
          plateColor: Number(v.plateColor) as VehicleView['plateColor'],
          approvedSeats: v.approvedSeats,
          vehicleType: v.vehicleType,
          vehicleClass: v.vehicleClass,
          brand: v.brand,
          model: v.model,
          vin: v.vin,
          transportCertNo: v.transportCertNo,
          transportCertExpiry: v.transportCertExpiry,
          transportCertFileId: v.transportCertFileId,
          annualInspectionDue: v.annualInspectionDue,
          insurer: v.insurer,
          insurancePolicyNo: v.insurancePolicyNo,
          insuranceExpiry: v.insuranceExpiry,
          insuranceFileId: v.insuranceFileId,
          terminalId: v.terminalId,
          terminalMaker: v.terminalMaker,
          terminalModel: v.terminalModel,
          terminalPhone: v.terminalPhone,
          certificateFileIds,
          enabled: Boolean(v.enabled),
          verification: verificationView(v),
          operable,
          blockers,
          files: withFiles ? await this.files.describe(fileIdsOf(v.transportCertFileId, v.insuranceFileId, certificateFileIds)) : [],
          createdAt: v.createdAt.toISOString(),
          updatedAt: v.updatedAt.toISOString(),
        };
      }),
    );
  }
}

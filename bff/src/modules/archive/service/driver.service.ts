import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import {
  chinaToday, maskIdNumber, maskPhone, validateDriverInput,
  type ArchiveHistoryEntry, type DriverInput, type DriverLinkCandidate, type DriverQuery, type DriverView,
  type HistoryAction, type Operability, type Page, type VerificationView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity } from '../../account/entity/end-user.entity';
import { PHONE_INDEX as END_USER_PHONE_INDEX } from '../../account/service/sms-code.service';
import { FileService } from '../../file/service/file.service';
import type { LicenceRegistryPort } from '../../integration/port/licence-registry.port';
import { DriverEntity } from '../entity';
import { ArchiveHistoryService } from './archive-history.service';
import {
  archiveFilters, clean, compareWithRegistry, documentBlockers, duplicate, fileIdsOf, findInScope, notFoundOutcome,
  orgNames, owningOrg, throwIfErrors, validIdParam, verdictOrNull, verificationBlocker, verificationColumns,
  verificationView, type IndexedProblem, type VerificationOutcome,
} from './archive-support';

/** Blind index purposes: the same value indexed for another purpose gives another index. */
export const DRIVER_ID_INDEX = 'driver.id_number';
export const DRIVER_PHONE_INDEX = 'driver.phone';

const EMPLOYMENT_BLOCKERS = { suspended: '驾驶员已停职', left: '驾驶员已离职' } as const;

/** What is stored for a driver, whole (before encryption). */
interface DriverFields {
  name: string;
  gender: NonNullable<DriverInput['gender']> | null;
  idType: DriverInput['idType'];
  idNumber: string;
  phone: string;
  licenceNo: string | null;
  licenceClass: DriverInput['licenceClass'];
  licenceFirstIssuedOn: string | null;
  licenceExpiry: string | null;
  licenceFileId: number | null;
  qualificationNo: string | null;
  qualificationCategory: string | null;
  qualificationExpiry: string | null;
  qualificationFileId: number | null;
  photoFileId: number | null;
  employmentStatus: NonNullable<DriverInput['employmentStatus']>;
  hiredOn: string | null;
}

/** the 从业资格证 (its number is usually the ID number; the registry is asked by it). */
export async function checkDriver(
  registry: LicenceRegistryPort,
  f: { name: string; idNumber: string; qualificationNo: string | null; qualificationCategory: string | null; qualificationExpiry: string | null },
): Promise<VerificationOutcome> {
  const record = await registry.findDriver(f.qualificationNo ?? f.idNumber);
  if (!record) return notFoundOutcome('从业资格证');
  return compareWithRegistry(
    [
      { field: 'name', label: '姓名', archive: f.name, registry: record.name },
      { field: 'qualificationCategory', label: '从业资格类别', archive: f.qualificationCategory, registry: record.qualificationType },
      { field: 'qualificationExpiry', label: '从业资格证有效期', archive: f.qualificationExpiry, registry: record.validUntil },
    ],
    record.status,
    '从业资格',
  );
}

export function driverOperability(d: DriverEntity, today: string = chinaToday()): Operability {
  const blockers: string[] = [];
  if (!d.enabled) blockers.push('驾驶员档案已停用');
  if (d.employmentStatus !== 'active') blockers.push(EMPLOYMENT_BLOCKERS[d.employmentStatus]);
  blockers.push(
    ...documentBlockers(
      [
        { label: '驾驶证', expiry: d.licenceExpiry, required: true },
        { label: '从业资格证', expiry: d.qualificationExpiry, required: true },
      ],
      today,
    ),
  );
  const unverified = verificationBlocker(d);
  if (unverified) blockers.push(unverified);
  return { operable: blockers.length === 0, blockers };
}

/**
 * Driver archives: ID, phone, driving-licence and qualification numbers are encrypted at
 * rest; ID and phone carry blind indexes so staff can find a driver by the exact number and one
 * person has one archive on the platform. Responses only ever carry them masked.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DriverService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private history: ArchiveHistoryService;
  @Inject() private files: FileService;
  @Inject('licenceRegistryPort') private registry: LicenceRegistryPort;
  @Logger() private logger: ILogger;

  async list(principal: AdminPrincipal, q: DriverQuery): Promise<Page<DriverView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize ?? 20)));
    const { rows, count } = await DriverEntity.findAndCountAll({
      where: await this.where(principal, q),
      order: [['id', 'DESC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: await this.views(rows, false), total: count, page, pageSize };
  }

  async all(principal: AdminPrincipal, q: DriverQuery): Promise<DriverView[]> {
    const rows = await DriverEntity.findAll({ where: await this.where(principal, q), order: [['id', 'ASC']], limit: 10_000 });
    return this.views(rows, false);
  }

  async get(principal: AdminPrincipal, id: number): Promise<DriverView> {
    return (await this.views([await this.visible(principal, id)], true))[0];
  }

  async create(principal: AdminPrincipal, input: DriverInput, origin: RequestOrigin): Promise<DriverView> {
    throwIfErrors(validateDriverInput(input, true));
    const fields = this.normalise(input, null);
    const org = await owningOrg(principal, input.orgId);
    await this.files.assertUsable(principal, this.fileIds(fields));
    const outcome = await this.tryVerify(fields);
    const row = await this.write(async (t) => {
      await this.assertUnique(fields, null, t);
      const created = await DriverEntity.create(
        { orgId: org.id, ...this.columns(fields), enabled: true, linkedEndUserId: null, linkedAt: null, ...verificationColumns(outcome), operable: false, blockers: null },
        { transaction: t },
      );
      await this.afterChange(created, 'create', origin, t);
      return created;
    });
    return this.get(principal, row.id);
  }

  /** Creates every driver or none (spreadsheet import); problems per input index and field. */
  async createMany(principal: AdminPrincipal, inputs: DriverInput[], origin: RequestOrigin, dryRun = false): Promise<{ created: number; problems: IndexedProblem[] }> {
    const problems: IndexedProblem[] = [];
    const prepared: { fields: DriverFields; orgId: number }[] = [];
    const seen = new Map<string, number>();
    for (const [index, input] of inputs.entries()) {
      const errors = validateDriverInput(input, true);
      problems.push(...errors.map((e) => ({ index, ...e })));
      if (errors.length) continue;
      const fields = this.normalise(input, null);
      const org = await owningOrg(principal, input.orgId).catch((e) => {
        problems.push({ index, field: 'orgId', reason: e.errors?.[0]?.reason ?? '所属机构无效' });
        return null;
      });
      const bidx = this.cipher.blindIndex(fields.idNumber, DRIVER_ID_INDEX);
      if (seen.has(bidx)) problems.push({ index, field: 'idNumber', reason: `与第 ${seen.get(bidx)! + 1} 条证件号码重复` });
      else seen.set(bidx, index);
      if (await DriverEntity.count({ where: { idNumberBidx: bidx } })) problems.push({ index, field: 'idNumber', reason: '该证件号码的驾驶员档案已存在' });
      if (org) prepared.push({ fields, orgId: org.id });
    }
    if (problems.length || dryRun) return { created: 0, problems };
    const outcomes: (VerificationOutcome | null)[] = [];
    for (const p of prepared) outcomes.push(await this.tryVerify(p.fields));
    await this.write(async (t) => {
      for (const [i, p] of prepared.entries()) {
        const created = await DriverEntity.create(
          { orgId: p.orgId, ...this.columns(p.fields), enabled: true, linkedEndUserId: null, linkedAt: null, ...verificationColumns(outcomes[i]), operable: false, blockers: null },
          { transaction: t },
        );
        await this.afterChange(created, 'create', origin, t, { via: 'import' });
      }
    });
    return { created: prepared.length, problems: [] };
  }

  /**
   * The page holds only masked numbers: an ID number left out keeps the stored one (unless the ID
   * type changes), a phone left out keeps the stored phone.
   */
  async update(principal: AdminPrincipal, id: number, input: DriverInput, origin: RequestOrigin): Promise<DriverView> {
    throwIfErrors(validateDriverInput(input, false));
    const current = await this.visible(principal, id);
    if (input.idType !== current.idType && !clean(input.idNumber)) {
      throw new ValidationError([{ field: 'idNumber', reason: '更换证件类型时请填写证件号码' }]);
    }
    const fields = this.normalise(input, current);
    const org = input.orgId && input.orgId !== current.orgId ? await owningOrg(principal, input.orgId) : null;
    await this.files.assertUsable(principal, this.fileIds(fields));
    const outcome = await this.tryVerify(fields);
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      await this.assertUnique(fields, row.id, t);
      // a new phone number no longer matches the linked account: the link must be confirmed again
      const phoneChanged = this.cipher.decrypt(row.phoneEnc) !== fields.phone;
      await row.update(
        {
          ...(org ? { orgId: org.id } : {}),
          ...this.columns(fields),
          ...verificationColumns(outcome),
          ...(phoneChanged ? { linkedEndUserId: null, linkedAt: null } : {}),
        },
        { transaction: t },
      );
      await this.afterChange(row, 'update', origin, t, phoneChanged ? { unlinkedBecause: 'phone changed' } : {});
    });
    return this.get(principal, id);
  }

  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<DriverView> {
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      if (row.enabled === enabled) return;
      await row.update({ enabled }, { transaction: t });
      await this.afterChange(row, enabled ? 'enable' : 'disable', origin, t);
    });
    return this.get(principal, id);
  }

  async verify(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<VerificationView> {
    const current = await this.visible(principal, id);
    const outcome = await this.check(this.wholeFields(current));
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
    return this.history.list('driver', row.id);
  }

  // ---- linking the driver-app account (design.md §3 "Identity") ------------------------------

  /** Driver-app accounts registered with the archive's phone number, and only those. */
  async linkCandidates(principal: AdminPrincipal, id: number): Promise<DriverLinkCandidate[]> {
    const row = await this.visible(principal, id);
    const users = await EndUserEntity.findAll({ where: { audience: 'driver', enabled: true, phoneBidx: this.endUserPhoneIndex(row) }, order: [['id', 'ASC']] });
    const links = await DriverEntity.findAll({ where: { linkedEndUserId: { [Op.in]: users.map((u) => u.id) } }, attributes: ['id', 'linkedEndUserId'] });
    const linkedTo = new Map(links.map((d) => [d.linkedEndUserId!, d.id]));
    return users.map((u) => ({
      endUserId: u.id,
      nickname: u.nickname,
      phoneMasked: maskPhone(this.cipher.decrypt(u.phoneEnc)),
      registeredAt: u.createdAt.toISOString(),
      linkedDriverId: linkedTo.get(u.id) ?? null,
    }));
  }

  async link(principal: AdminPrincipal, id: number, endUserId: number, origin: RequestOrigin): Promise<DriverView> {
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      const user = validIdParam(endUserId) ? await EndUserEntity.findByPk(endUserId, { transaction: t }) : null;
      // the same answer for "no such account" and "another phone": ids reveal nothing
      if (!user || user.audience !== 'driver' || !user.enabled || user.phoneBidx !== this.endUserPhoneIndex(row)) {
        throw new DomainError('ARCHIVE.LINK_INVALID', '只能绑定手机号与驾驶员档案一致的司机端账号', { errors: [{ field: 'endUserId', reason: '账号手机号与档案不一致或账号不存在' }] });
      }
      if (row.linkedEndUserId === user.id) return;
      if (row.linkedEndUserId) {
        throw new DomainError('ARCHIVE.LINK_INVALID', '该驾驶员已绑定其他司机端账号，请先解绑', { errors: [{ field: 'endUserId', reason: '驾驶员已绑定其他账号' }] });
      }
      const other = await DriverEntity.findOne({ where: { linkedEndUserId: user.id }, transaction: t });
      if (other) {
        throw new DomainError('ARCHIVE.LINK_INVALID', '该司机端账号已绑定其他驾驶员档案', { errors: [{ field: 'endUserId', reason: '账号已绑定其他驾驶员' }] });
      }
      await row.update({ linkedEndUserId: user.id, linkedAt: new Date() }, { transaction: t });
      await this.afterChange(row, 'link', origin, t, { endUserId: user.id });
    }, 'link');
    return this.get(principal, id);
  }

  async unlink(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<DriverView> {
    await this.write(async (t) => {
      const row = await this.lockVisible(principal, id, t);
      if (!row.linkedEndUserId) return;
      const endUserId = row.linkedEndUserId;
      await row.update({ linkedEndUserId: null, linkedAt: null }, { transaction: t });
      await this.afterChange(row, 'unlink', origin, t, { endUserId });
    });
    return this.get(principal, id);
  }

  // ---- for other modules ------------------------------------------------------------------------

  async operabilityOf(driverId: number): Promise<Operability> {
    const row = await DriverEntity.findByPk(driverId);
    if (!row) throw new NotFoundError('驾驶员');
    return driverOperability(row);
  }

  async assertOperable(driverId: number): Promise<void> {
    const { operable, blockers } = await this.operabilityOf(driverId);
    if (!operable) {
      throw new DomainError('ARCHIVE.NOT_OPERABLE', `驾驶员不可运营：${blockers.join('；')}`, { detail: { driverId, blockers } });
    }
  }

  /** The whole phone number of a driver, for notifications only (never for responses). */
  phoneOf(row: DriverEntity): string {
    return this.cipher.decrypt(row.phoneEnc);
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Stores the computed operability (list filters read it), a history version and the audit entry (same transaction). */
  private async afterChange(row: DriverEntity, action: HistoryAction, origin: RequestOrigin, t: Transaction, extra: Record<string, unknown> = {}): Promise<void> {
    const { operable, blockers } = driverOperability(row);
    await row.update({ operable, blockers: JSON.stringify(blockers) }, { transaction: t });
    const [view] = await this.views([row], false, t);
    await this.history.record('driver', row.id, action, view, origin, t, { name: row.name, idNumber: view.idNumberMasked, operable, ...extra });
  }

  /** Builds the stored fields; on update, numbers left out are taken from `current`. */
  private normalise(input: DriverInput, current: DriverEntity | null): DriverFields {
    const keep = current ? this.wholeFields(current) : null;
    const pick = (given: string | null | undefined, kept: string | null): string | null => {
      if (given === undefined || given === '') return keep ? kept : null;
      return clean(given)?.toUpperCase() ?? null;
    };
    return {
      name: input.name.trim(),
      gender: input.gender ?? null,
      idType: input.idType,
      idNumber: clean(input.idNumber)?.toUpperCase() ?? keep!.idNumber,
      phone: clean(input.phone) ?? keep!.phone,
      licenceNo: pick(input.licenceNo, keep?.licenceNo ?? null),
      licenceClass: input.licenceClass,
      licenceFirstIssuedOn: clean(input.licenceFirstIssuedOn),
      licenceExpiry: clean(input.licenceExpiry),
      licenceFileId: input.licenceFileId ?? null,
      qualificationNo: pick(input.qualificationNo, keep?.qualificationNo ?? null),
      qualificationCategory: clean(input.qualificationCategory),
      qualificationExpiry: clean(input.qualificationExpiry),
      qualificationFileId: input.qualificationFileId ?? null,
      photoFileId: input.photoFileId ?? null,
      employmentStatus: input.employmentStatus ?? current?.employmentStatus ?? 'active',
      hiredOn: clean(input.hiredOn),
    };
  }

  private wholeFields(d: DriverEntity): DriverFields {
    return {
      name: d.name,
      gender: d.gender,
      idType: d.idType,
      idNumber: this.cipher.decrypt(d.idNumberEnc),
      phone: this.cipher.decrypt(d.phoneEnc),
      licenceNo: this.cipher.decrypt(d.licenceNoEnc),
      licenceClass: d.licenceClass,
      licenceFirstIssuedOn: d.licenceFirstIssuedOn,
      licenceExpiry: d.licenceExpiry,
      licenceFileId: d.licenceFileId,
      qualificationNo: this.cipher.decrypt(d.qualificationNoEnc),
      qualificationCategory: d.qualificationCategory,
      qualificationExpiry: d.qualificationExpiry,
      qualificationFileId: d.qualificationFileId,
      photoFileId: d.photoFileId,
      employmentStatus: d.employmentStatus,
      hiredOn: d.hiredOn,
    };
  }

  private columns(f: DriverFields) {
    const { idNumber, phone, licenceNo, qualificationNo, ...plain } = f;
    return {
      ...plain,
      idNumberEnc: this.cipher.encrypt(idNumber),
      idNumberBidx: this.cipher.blindIndex(idNumber, DRIVER_ID_INDEX),
      phoneEnc: this.cipher.encrypt(phone),
      phoneBidx: this.cipher.blindIndex(phone, DRIVER_PHONE_INDEX),
      licenceNoEnc: this.cipher.encrypt(licenceNo),
      qualificationNoEnc: this.cipher.encrypt(qualificationNo),
    };
  }

  private fileIds(f: DriverFields): number[] {
    return fileIdsOf(f.licenceFileId, f.qualificationFileId, f.photoFileId);
  }

  private endUserPhoneIndex(row: DriverEntity): string {
    return this.cipher.blindIndex(this.cipher.decrypt(row.phoneEnc), END_USER_PHONE_INDEX);
  }

  private tryVerify(fields: DriverFields): Promise<VerificationOutcome | null> {
    return verdictOrNull(() => this.check(fields), this.logger, 'driver');
  }

  private check(f: DriverFields): Promise<VerificationOutcome> {
    return checkDriver(this.registry, f);
  }

  private async assertUnique(f: DriverFields, exceptId: number | null, t: Transaction): Promise<void> {
    const other = await DriverEntity.findOne({
      where: { idNumberBidx: this.cipher.blindIndex(f.idNumber, DRIVER_ID_INDEX), ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) },
      transaction: t,
    });
    if (other) throw duplicate('idNumber', '该证件号码的驾驶员档案已存在（每人只能有一份驾驶员档案）');
  }

  private async where(principal: AdminPrincipal, q: DriverQuery): Promise<WhereOptions> {
    const and = await archiveFilters(principal, q);
    // exact numbers only: a blind index cannot answer "contains", which is the point
    if (clean(q.idNumber)) and.push({ idNumberBidx: this.cipher.blindIndex(clean(q.idNumber)!, DRIVER_ID_INDEX) });
    if (clean(q.phone)) and.push({ phoneBidx: this.cipher.blindIndex(clean(q.phone)!, DRIVER_PHONE_INDEX) });
    if (clean(q.name)) and.push({ name: { [Op.like]: `%${clean(q.name)!.replace(/[%_\\]/g, '')}%` } });
    if (q.employmentStatus) and.push({ employmentStatus: q.employmentStatus });
    return { [Op.and]: and };
  }

  private visible(principal: AdminPrincipal, id: number): Promise<DriverEntity> {
    return findInScope<DriverEntity>(DriverEntity, principal, id, '驾驶员');
  }

  private lockVisible(principal: AdminPrincipal, id: number, t: Transaction): Promise<DriverEntity> {
    return findInScope<DriverEntity>(DriverEntity, principal, id, '驾驶员', t, true);
  }

  private async write<T>(work: (t: Transaction) => Promise<T>, what: 'archive' | 'link' = 'archive'): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (e instanceof UniqueConstraintError) {
        if (what === 'link') throw new DomainError('ARCHIVE.LINK_INVALID', '该司机端账号已绑定其他驾驶员档案');
        throw duplicate('idNumber', '该证件号码的驾驶员档案已存在（每人只能有一份驾驶员档案）');
      }
      throw e;
    }
  }

  private async views(rows: DriverEntity[], withFiles: boolean, t?: Transaction): Promise<DriverView[]> {
    const orgs = await orgNames(rows.map((r) => r.orgId), t);
    const today = chinaToday();
    return Promise.all(
      rows.map(async (d) => {
        const { operable, blockers } = driverOperability(d, today);
        const fields = this.wholeFields(d);
        const { idNumber, phone, licenceNo, qualificationNo, ...plain } = fields;
        return {
          id: d.id,
          orgId: d.orgId,
          orgName: orgs.get(d.orgId)?.name ?? '',
          ...plain,
          idNumberMasked: maskIdNumber(idNumber),
          phoneMasked: maskPhone(phone),
          licenceNoMasked: licenceNo ? maskIdNumber(licenceNo) : null,
          qualificationNoMasked: qualificationNo ? maskIdNumber(qualificationNo) : null,
          linkedEndUserId: d.linkedEndUserId,
          linkedAt: d.linkedAt ? d.linkedAt.toISOString() : null,
          enabled: Boolean(d.enabled),
          verification: verificationView(d),
          operable,
          blockers,
          files: withFiles ? await this.files.describe(this.fileIds(fields)) : [],
          createdAt: d.createdAt.toISOString(),
          updatedAt: d.updatedAt.toISOString(),
        };
      }),
    );
  }
}

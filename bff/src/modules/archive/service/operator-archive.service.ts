import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op, type Transaction } from 'sequelize';
import {
  MERCHANT_MODES, chinaToday, maskPhone, normalizeCreditCode, validateCreditCode, validateDate, validateMobile,
  type ArchiveHistoryEntry, type FieldError, type HistoryAction, type Operability, type OperatorInput,
  type OperatorMerchantInput, type OperatorQuery, type OperatorView, type Page, type VerificationView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree, subtreeWhere } from '../../access/service/scope';
import { FileService } from '../../file/service/file.service';
import type { LicenceRegistryPort } from '../../integration/port/licence-registry.port';
import { OperatorArchiveEntity } from '../entity';
import { ArchiveHistoryService } from './archive-history.service';
import {
  clean, compareWithRegistry, documentBlockers, fileIdsOf, notFoundOutcome, throwIfErrors, validIdParam,
  verdictOrNull, verificationBlocker, verificationColumns, verificationView, type VerificationOutcome,
} from './archive-support';

export const OPERATOR_CONTACT_PHONE_INDEX = 'operator.contact_phone';

const required = (errors: FieldError[], field: string, value: unknown, reason: string) => {
  if (value === undefined || value === null || String(value).trim() === '') errors.push({ field, reason });
};

/** Every problem of an operator archive form at once. */
function validateOperatorInput(input: OperatorInput, hasStoredPhone: boolean): FieldError[] {
  const errors: FieldError[] = [];
  required(errors, 'legalName', input.legalName, '企业名称不能为空');
  const code = validateCreditCode(input.creditCode);
  if (code) errors.push({ field: 'creditCode', reason: code });
  required(errors, 'legalRepresentative', input.legalRepresentative, '法定代表人不能为空');
  required(errors, 'contactName', input.contactName, '联系人不能为空');
  if (input.contactPhone) {
    const phone = validateMobile(input.contactPhone, '联系电话');
    if (phone) errors.push({ field: 'contactPhone', reason: phone });
  } else if (!hasStoredPhone || input.contactPhone === null) {
    errors.push({ field: 'contactPhone', reason: '联系电话不能为空' });
  }
  required(errors, 'address', input.address, '地址不能为空');
  required(errors, 'permitNo', input.permitNo, '道路运输经营许可证号不能为空');
  required(errors, 'permitScope', input.permitScope, '经营范围不能为空');
  required(errors, 'permitExpiry', input.permitExpiry, '经营许可证有效期不能为空');
  const dates: [keyof OperatorInput, string][] = [
    ['permitExpiry', '经营许可证有效期'], ['businessLicenceExpiry', '营业执照有效期'],
    ['agreementSignedOn', '协议签订日期'], ['agreementValidUntil', '协议有效期'],
  ];
  for (const [field, label] of dates) {
    const problem = validateDate(input[field] as string | null | undefined, label);
    if (problem) errors.push({ field, reason: problem });
  }
  if (input.agreementSignedOn && input.agreementValidUntil && input.agreementValidUntil < input.agreementSignedOn) {
    errors.push({ field: 'agreementValidUntil', reason: '协议有效期不能早于签订日期' });
  }
  if (input.agreementNo && (!input.agreementSignedOn || !input.agreementValidUntil)) {
    if (!input.agreementSignedOn) errors.push({ field: 'agreementSignedOn', reason: '请填写协议签订日期' });
    if (!input.agreementValidUntil) errors.push({ field: 'agreementValidUntil', reason: '请填写协议有效期' });
  }
  if (input.status && !['active', 'suspended'].includes(input.status)) errors.push({ field: 'status', reason: '状态无效' });
  return errors;
}

type OperatorCheckFields = { permitNo: string | null; legalName: string; creditCode: string | null; permitScope: string | null; permitExpiry: string | null };

/** the operating permit as the registry has it. */
export async function checkOperator(registry: LicenceRegistryPort, a: OperatorCheckFields): Promise<VerificationOutcome> {
  const record = a.permitNo ? await registry.findOperator(a.permitNo) : null;
  if (!record) return notFoundOutcome('经营许可');
  return compareWithRegistry(
    [
      { field: 'legalName', label: '企业名称', archive: a.legalName, registry: record.name },
      { field: 'creditCode', label: '统一社会信用代码', archive: a.creditCode, registry: record.creditCode },
      { field: 'permitScope', label: '经营范围', archive: a.permitScope, registry: record.businessScope },
      { field: 'permitExpiry', label: '经营许可证有效期', archive: a.permitExpiry, registry: record.validUntil },
    ],
    record.status,
    '经营许可',
  );
}

/**
 * Selling for an operator requires an active archive, a valid operating permit, a signed and
 * unexpired cooperation agreement with the platform and a passed registry check.
 */
export function operatorOperability(a: OperatorArchiveEntity | null, today: string = chinaToday()): Operability {
  if (!a) return { operable: false, blockers: ['尚未建立运营企业档案'] };
  const blockers: string[] = [];
  if (a.status !== 'active') blockers.push('运营企业已暂停');
  if (!a.agreementNo) blockers.push('未登记与平台的合作协议');
  blockers.push(
    ...documentBlockers(
      [
        { label: '道路运输经营许可证', expiry: a.permitExpiry, required: true },
        { label: '平台合作协议', expiry: a.agreementValidUntil, required: Boolean(a.agreementNo) },
        // a business licence may be 长期 (no end date)
        { label: '营业执照', expiry: a.businessLicenceExpiry, required: false },
      ],
      today,
    ),
  );
  const unverified = verificationBlocker(a);
  if (unverified) blockers.push(unverified);
  return { operable: blockers.length === 0, blockers };
}

/**
 * Operator archives: one per organisation of kind 'operator', addressed by the
 * org's id. Platform staff see every operator; an operator's staff only their own.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OperatorArchiveService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private history: ArchiveHistoryService;
  @Inject() private files: FileService;
  @Inject('licenceRegistryPort') private registry: LicenceRegistryPort;
  @Logger() private logger: ILogger;

  async list(principal: AdminPrincipal, q: OperatorQuery): Promise<Page<OperatorView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize ?? 20)));
    const keyword = clean(q.keyword)?.replace(/[%_\\]/g, '');
    const byLegalName = keyword
      ? (await OperatorArchiveEntity.findAll({ where: { legalName: { [Op.like]: `%${keyword}%` } }, attributes: ['orgId'] })).map((a) => a.orgId)
      : [];
    const { rows, count } = await OrgEntity.findAndCountAll({
      where: {
        [Op.and]: [
          subtreeWhere(principal),
          { kind: 'operator' },
          ...(keyword ? [{ [Op.or]: [{ name: { [Op.like]: `%${keyword}%` } }, { id: { [Op.in]: byLegalName } }] }] : []),
        ],
      },
      order: [['id', 'ASC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const archives = await OperatorArchiveEntity.findAll({ where: { orgId: { [Op.in]: rows.map((o) => o.id) } } });
    const byOrg = new Map(archives.map((a) => [a.orgId, a]));
    return { items: await Promise.all(rows.map((o) => this.view(o, byOrg.get(o.id) ?? null, false))), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, orgId: number): Promise<OperatorView> {
    const org = await this.operatorOrg(principal, orgId);
    return this.view(org, await OperatorArchiveEntity.findOne({ where: { orgId: org.id } }), true);
  }

  /** Creates the archive on the first save; afterwards updates it. */
  async save(principal: AdminPrincipal, orgId: number, input: OperatorInput, origin: RequestOrigin): Promise<OperatorView> {
    const org = await this.operatorOrg(principal, orgId);
    const existing = await OperatorArchiveEntity.findOne({ where: { orgId: org.id } });
    throwIfErrors(validateOperatorInput(input, Boolean(existing?.contactPhoneEnc)));
    const fields = {
      legalName: input.legalName.trim(),
      creditCode: normalizeCreditCode(input.creditCode),
      legalRepresentative: clean(input.legalRepresentative),
      contactName: clean(input.contactName),
      address: clean(input.address),
      businessLicenceFileId: input.businessLicenceFileId ?? null,
      businessLicenceExpiry: clean(input.businessLicenceExpiry),
      permitNo: clean(input.permitNo),
      permitScope: clean(input.permitScope),
      permitExpiry: clean(input.permitExpiry),
      permitFileId: input.permitFileId ?? null,
      agreementNo: clean(input.agreementNo),
      agreementSignedOn: clean(input.agreementSignedOn),
      agreementValidUntil: clean(input.agreementValidUntil),
      agreementFileId: input.agreementFileId ?? null,
      status: input.status ?? existing?.status ?? 'active',
    };
    const phone = clean(input.contactPhone);
    const phoneColumns = phone ? { contactPhoneEnc: this.cipher.encrypt(phone), contactPhoneBidx: this.cipher.blindIndex(phone, OPERATOR_CONTACT_PHONE_INDEX) } : {};
    await this.files.assertUsable(principal, fileIdsOf(fields.businessLicenceFileId, fields.permitFileId, fields.agreementFileId), undefined, 'fileIds');
    const outcome = await this.tryVerify(fields);
    await this.db.transaction(async (t) => {
      let row = await OperatorArchiveEntity.findOne({ where: { orgId: org.id }, transaction: t, lock: t.LOCK.UPDATE });
      const action: HistoryAction = row ? 'update' : 'create';
      if (row) {
        await row.update({ ...fields, ...phoneColumns, ...verificationColumns(outcome) }, { transaction: t });
      } else {
        row = await OperatorArchiveEntity.create(
          { orgId: org.id, ...fields, ...phoneColumns, merchantMode: null, subMchId: null, mchId: null, settlementAccountName: null, ...verificationColumns(outcome), operable: false, blockers: null },
          { transaction: t },
        );
      }
      await this.afterChange(org, row, action, origin, t);
    });
    return this.get(principal, org.id);
  }

  /**
   * Where the operator's ticket money goes ('finance:write'). Only merchant ids are stored here;
   * keys and certificates are secrets configured outside the database.
   */
  async setMerchant(principal: AdminPrincipal, orgId: number, input: OperatorMerchantInput, origin: RequestOrigin): Promise<OperatorView> {
    const org = await this.operatorOrg(principal, orgId);
    const errors: FieldError[] = [];
    if (!(MERCHANT_MODES as readonly string[]).includes(input.mode)) errors.push({ field: 'mode', reason: '请选择收款模式' });
    const mchId = /^\d{8,10}$/;
    if (input.mode === 'sub_merchant' && !mchId.test(clean(input.subMchId) ?? '')) errors.push({ field: 'subMchId', reason: '子商户号应为8至10位数字' });
    if (input.mode === 'direct' && !mchId.test(clean(input.mchId) ?? '')) errors.push({ field: 'mchId', reason: '商户号应为8至10位数字' });
    if (!clean(input.settlementAccountName)) errors.push({ field: 'settlementAccountName', reason: '结算账户名称不能为空' });
    throwIfErrors(errors);
    await this.db.transaction(async (t) => {
      const row = await OperatorArchiveEntity.findOne({ where: { orgId: org.id }, transaction: t, lock: t.LOCK.UPDATE });
      if (!row) throw new DomainError('CONFLICT', '请先保存运营企业档案，再设置收款账户');
      await row.update(
        {
          merchantMode: input.mode,
          subMchId: input.mode === 'sub_merchant' ? clean(input.subMchId) : null,
          mchId: input.mode === 'direct' ? clean(input.mchId) : null,
          settlementAccountName: clean(input.settlementAccountName),
        },
        { transaction: t },
      );
      await this.afterChange(org, row, 'merchant', origin, t, { mode: input.mode });
    });
    return this.get(principal, org.id);
  }

  async verify(principal: AdminPrincipal, orgId: number, origin: RequestOrigin): Promise<VerificationView> {
    const org = await this.operatorOrg(principal, orgId);
    const current = await OperatorArchiveEntity.findOne({ where: { orgId: org.id } });
    if (!current) throw new DomainError('CONFLICT', '请先保存运营企业档案，再进行许可核验');
    const outcome = await this.check(current);
    const row = await this.db.transaction(async (t) => {
      const locked = (await OperatorArchiveEntity.findOne({ where: { orgId: org.id }, transaction: t, lock: t.LOCK.UPDATE }))!;
      await locked.update(verificationColumns(outcome), { transaction: t });
      await this.afterChange(org, locked, 'verify', origin, t, { status: outcome.status, reason: outcome.reason });
      return locked;
    });
    return verificationView(row);
  }

  async historyOf(principal: AdminPrincipal, orgId: number): Promise<ArchiveHistoryEntry[]> {
    const org = await this.operatorOrg(principal, orgId);
    return this.history.list('operator', org.id);
  }

  /** Whether the platform may sell for this operator now (for the booking issue). */
  async operabilityOf(orgId: number): Promise<Operability> {
    return operatorOperability(await OperatorArchiveEntity.findOne({ where: { orgId } }));
  }

  /**
   * Stores the computed operability, a history version and the audit entry (same transaction).
   * Stored so the daily scan can tell when an operator stops being operable ('expire' version).
   */
  private async afterChange(org: OrgEntity, row: OperatorArchiveEntity, action: HistoryAction, origin: RequestOrigin, t: Transaction, extra: Record<string, unknown> = {}): Promise<void> {
    const { operable, blockers } = operatorOperability(row);
    await row.update({ operable, blockers: JSON.stringify(blockers) }, { transaction: t });
    const view = await this.view(org, row, false);
    await this.history.record('operator', org.id, action, view, origin, t, { legalName: row.legalName, creditCode: row.creditCode, operable, ...extra });
  }

  private tryVerify(fields: OperatorCheckFields): Promise<VerificationOutcome | null> {
    return verdictOrNull(() => this.check(fields), this.logger, 'operator');
  }

  private check(a: OperatorCheckFields): Promise<VerificationOutcome> {
    return checkOperator(this.registry, a);
  }

  /** An org of kind 'operator' in the caller's subtree; anything else is "not found". */
  private async operatorOrg(principal: AdminPrincipal, orgId: number): Promise<OrgEntity> {
    const org = validIdParam(orgId) ? await OrgEntity.findByPk(validIdParam(orgId)) : null;
    if (!org || org.kind !== 'operator' || !inSubtree(principal, org.path)) throw new NotFoundError('运营企业');
    return org;
  }

  private async view(org: OrgEntity, a: OperatorArchiveEntity | null, withFiles: boolean): Promise<OperatorView> {
    const { operable, blockers } = operatorOperability(a);
    const files = withFiles && a ? await this.files.describe(fileIdsOf(a.businessLicenceFileId, a.permitFileId, a.agreementFileId)) : [];
    return {
      id: org.id,
      orgId: org.id,
      orgName: org.name,
      saved: Boolean(a),
      legalName: a?.legalName ?? org.name,
      creditCode: a?.creditCode ?? null,
      legalRepresentative: a?.legalRepresentative ?? null,
      contactName: a?.contactName ?? null,
      contactPhoneMasked: a?.contactPhoneEnc ? maskPhone(this.cipher.decrypt(a.contactPhoneEnc)) : null,
      address: a?.address ?? null,
      businessLicenceFileId: a?.businessLicenceFileId ?? null,
      businessLicenceExpiry: a?.businessLicenceExpiry ?? null,
      permitNo: a?.permitNo ?? null,
      permitScope: a?.permitScope ?? null,
      permitExpiry: a?.permitExpiry ?? null,
      permitFileId: a?.permitFileId ?? null,
      agreementNo: a?.agreementNo ?? null,
      agreementSignedOn: a?.agreementSignedOn ?? null,
      agreementValidUntil: a?.agreementValidUntil ?? null,
      agreementFileId: a?.agreementFileId ?? null,
      merchant: {
        mode: a?.merchantMode ?? null,
        subMchId: a?.subMchId ?? null,
        mchId: a?.mchId ?? null,
        settlementAccountName: a?.settlementAccountName ?? null,
      },
      status: a?.status ?? 'active',
      verification: a
        ? verificationView(a)
        : { status: 'unverified', checkedAt: null, reason: null, mismatches: [], registryStatus: null },
      operable,
      blockers,
      files,
      createdAt: a ? a.createdAt.toISOString() : null,
      updatedAt: a ? a.updatedAt.toISOString() : null,
    };
  }
}

import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import {
  MAX_RIDERS_PER_ACCOUNT, birthDateOf, maskIdNumber, maskPhone, passengerTypeOf, validateRiderInput,
  type RiderInput, type RiderUpdate, type RiderView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity } from '../../account/entity/end-user.entity';
import { AuditService } from '../../audit/service/audit.service';
import { RiderEntity } from '../entity';

/** Blind index purposes: the same value indexed for another purpose gives another index. */
export const RIDER_ID_INDEX = 'rider.id_number';
export const RIDER_PHONE_INDEX = 'rider.phone';

/** What is stored for a rider, from an input that passed validateRiderInput. */
interface NormalisedRider {
  name: string;
  idType: RiderInput['idType'];
  idNumber: string;
  phone: string | null;
  isSelf: boolean;
}

function normalise(input: RiderInput): NormalisedRider {
  return {
    // Latin names as on the passport: single spaces, upper case as the document prints them
    name: /^[A-Za-z]/.test(input.name.trim()) ? input.name.trim().replace(/\s+/g, ' ').toUpperCase() : input.name.trim(),
    idType: input.idType,
    // the check character X and passport letters are compared in upper case
    idNumber: input.idNumber.trim().toUpperCase(),
    phone: input.phone?.trim() || null,
    isSelf: Boolean(input.isSelf),
  };
}

/**
 * Real-name riders (乘车人) of a passenger account (R-6.1.2, design.md §3 "Real name"). A passenger
 * reaches only their own riders: any other ID answers 404, exactly as one that does not exist.
 * ID and phone numbers are encrypted at rest with blind indexes; responses carry them masked.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RiderService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;

  async list(principal: EndUserPrincipal): Promise<RiderView[]> {
    const riders = await RiderEntity.findAll({
      where: { endUserId: principal.subjectId, live: true },
      // 本人 first, then in the order they were added
      order: [['isSelf', 'DESC'], ['id', 'ASC']],
    });
    return riders.map((r) => this.view(r));
  }

  async get(principal: EndUserPrincipal, id: number): Promise<RiderView> {
    return this.view(await this.own(principal, id));
  }

  async create(principal: EndUserPrincipal, input: RiderInput, origin: RequestOrigin): Promise<RiderView> {
    const rider = this.validated(input);
    const created = await this.write(async (t) => {
      await this.lockAccount(principal, t);
      const count = await RiderEntity.count({ where: { endUserId: principal.subjectId, live: true }, transaction: t });
      if (count >= MAX_RIDERS_PER_ACCOUNT) {
        throw new DomainError('RIDER.LIMIT_REACHED', `每个账号最多添加 ${MAX_RIDERS_PER_ACCOUNT} 位乘车人，请先删除不再使用的乘车人`);
      }
      await this.checkConflicts(principal, rider, null, t);
      const row = await RiderEntity.create({ endUserId: principal.subjectId, ...this.columns(rider), live: true, deletedAt: null }, { transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'rider.create', result: 'success', targetType: 'rider', targetId: row.id, detail: this.auditDetail(rider) }, t);
      return row;
    });
    return this.view(created);
  }

  /**
   * The app never holds the whole ID or phone number (responses are masked), so an update may leave
   * them out: no idNumber with the same idType keeps the ID, no phone keeps the phone ('' or null
   * clears it), no isSelf keeps the flag.
   */
  async update(principal: EndUserPrincipal, id: number, input: RiderUpdate, origin: RequestOrigin): Promise<RiderView> {
    const updated = await this.write(async (t) => {
      await this.lockAccount(principal, t);
      const row = await this.own(principal, id, t);
      const keepId = !input.idNumber?.trim() && input.idType === row.idType;
      const rider = this.validated({
        name: input.name,
        idType: input.idType,
        idNumber: keepId ? this.cipher.decrypt(row.idNumberEnc) : (input.idNumber ?? ''),
        phone: input.phone === undefined ? this.cipher.decrypt(row.phoneEnc) : input.phone,
        isSelf: input.isSelf ?? row.isSelf,
      });
      await this.checkConflicts(principal, rider, row.id, t);
      const before = { idType: row.idType, idNumber: maskIdNumber(this.cipher.decrypt(row.idNumberEnc)), isSelf: row.isSelf };
      await row.update(this.columns(rider), { transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'rider.update', result: 'success', targetType: 'rider', targetId: row.id, detail: { before, after: this.auditDetail(rider) } }, t);
      return row;
    });
    return this.view(updated);
  }

  /**
   * Soft delete: the row stays for bookings that name the rider (the booking issue); it leaves the
   * list and the cap, and the same ID may be added again.
   */
  async remove(principal: EndUserPrincipal, id: number, origin: RequestOrigin): Promise<void> {
    await this.write(async (t) => {
      const row = await this.own(principal, id, t);
      await row.update({ live: null, isSelf: false, deletedAt: new Date() }, { transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'rider.delete', result: 'success', targetType: 'rider', targetId: row.id, detail: { idType: row.idType } }, t);
    });
  }

  /** Same rules and reasons as the app's form (contracts); every bad field at once. */
  private validated(input: RiderInput): NormalisedRider {
    const errors = validateRiderInput(input);
    if (errors.length) throw new ValidationError(errors);
    return normalise(input);
  }

  private columns(r: NormalisedRider) {
    return {
      name: r.name,
      idType: r.idType,
      idNumberEnc: this.cipher.encrypt(r.idNumber),
      idNumberBidx: this.cipher.blindIndex(r.idNumber, RIDER_ID_INDEX),
      phoneEnc: this.cipher.encrypt(r.phone),
      phoneBidx: this.cipher.blindIndex(r.phone, RIDER_PHONE_INDEX),
      birthDate: birthDateOf(r.idType, r.idNumber),
      isSelf: r.isSelf,
    };
  }

  /** Never the numbers themselves: the audit trail is read by staff who need not see them whole. */
  private auditDetail(r: NormalisedRider) {
    return { idType: r.idType, idNumber: maskIdNumber(r.idNumber), isSelf: r.isSelf };
  }

  private async checkConflicts(principal: EndUserPrincipal, r: NormalisedRider, exceptId: number | null, t: Transaction): Promise<void> {
    const others = { endUserId: principal.subjectId, live: true, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) };
    const duplicate = await RiderEntity.findOne({ where: { ...others, idNumberBidx: this.cipher.blindIndex(r.idNumber, RIDER_ID_INDEX) }, transaction: t });
    if (duplicate) throw new DomainError('RIDER.DUPLICATE', '该证件号码的乘车人已添加', { errors: [{ field: 'idNumber', reason: '该证件号码的乘车人已添加' }] });
    if (r.isSelf && (await RiderEntity.count({ where: { ...others, isSelf: true }, transaction: t })) > 0) {
      throw new DomainError('RIDER.SELF_EXISTS', '已有一位乘车人标记为本人，请先取消其本人标记', { errors: [{ field: 'isSelf', reason: '已有一位乘车人标记为本人' }] });
    }
  }

  /**
   * Serialises changes of one account's riders (MariaDB row lock; SQLite's IMMEDIATE transactions
   * are serial anyway), so two concurrent adds cannot both pass the cap or the duplicate check.
   */
  private async lockAccount(principal: EndUserPrincipal, t: Transaction): Promise<void> {
    const user = await EndUserEntity.findByPk(principal.subjectId, { transaction: t, lock: t.LOCK.UPDATE, attributes: ['id', 'enabled'] });
    if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
  }

  /** The rider if it is the caller's and not deleted; otherwise 404, whoever owns it. */
  private async own(principal: EndUserPrincipal, id: number, t?: Transaction): Promise<RiderEntity> {
    const row = Number.isSafeInteger(id) && id > 0
      ? await RiderEntity.findOne({ where: { id, endUserId: principal.subjectId, live: true }, transaction: t })
      : null;
    if (!row) throw new NotFoundError('乘车人');
    return row;
  }

  /** The unique index backs the duplicate check up should two writers race past it. */
  private async write<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw new DomainError('RIDER.DUPLICATE', '该证件号码的乘车人已添加', { errors: [{ field: 'idNumber', reason: '该证件号码的乘车人已添加' }] });
      throw e;
    }
  }

  view(r: RiderEntity): RiderView {
    return {
      id: r.id,
      name: r.name,
      idType: r.idType,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(r.idNumberEnc)),
      phoneMasked: r.phoneEnc ? maskPhone(this.cipher.decrypt(r.phoneEnc)) : null,
      isSelf: Boolean(r.isSelf),
      passengerType: passengerTypeOf(r.birthDate),
      birthDate: r.birthDate,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import {
  normalizeCreditCode, validateCreditCode,
  type FieldError, type PlatformProfileInput, type PlatformProfileView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { AuditService } from '../../audit/service/audit.service';
import { PlatformProfileEntity } from '../entity';
import { clean, throwIfErrors } from './archive-support';

const FIELDS = ['platformName', 'operatingEntity', 'creditCode', 'icpLicenceNo', 'icpFilingNo', 'mlpsFilingNo', 'hotline', 'address'] as const;

/**
 * The platform's own registration data (R-5.1: ICP licence and filing, MLPS filing, operating
 * entity). Read by every admin (footers, contracts); changed only by platform staff.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PlatformProfileService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  async get(): Promise<PlatformProfileView> {
    const row = await PlatformProfileEntity.findByPk(1);
    if (row) return view(row);
    // before the first save: the root organisation's name, nothing else claimed
    const root = await OrgEntity.findByPk(1);
    return {
      platformName: root?.name ?? '定制客运平台', operatingEntity: null, creditCode: null, icpLicenceNo: null,
      icpFilingNo: null, mlpsFilingNo: null, hotline: null, address: null, updatedAt: null,
    };
  }

  async save(principal: AdminPrincipal, input: PlatformProfileInput, origin: RequestOrigin): Promise<PlatformProfileView> {
    if (principal.orgKind !== 'platform') throw new DomainError('ACCESS.DENIED', '只有平台机构的管理员可以修改平台信息');
    const errors: FieldError[] = [];
    if (!clean(input.platformName)) errors.push({ field: 'platformName', reason: '平台名称不能为空' });
    if (clean(input.creditCode)) {
      const problem = validateCreditCode(input.creditCode);
      if (problem) errors.push({ field: 'creditCode', reason: problem });
    }
    if (clean(input.hotline) && !/^[0-9][0-9-]{4,19}$/.test(clean(input.hotline)!)) {
      errors.push({ field: 'hotline', reason: '客服电话只能包含数字和连字符，如 400-000-0000' });
    }
    throwIfErrors(errors);
    const values = Object.fromEntries(FIELDS.map((f) => [f, clean(input[f])])) as Record<(typeof FIELDS)[number], string | null>;
    if (values.creditCode) values.creditCode = normalizeCreditCode(values.creditCode);
    const saved = await this.db.transaction(async (t) => {
      const row = await PlatformProfileEntity.findByPk(1, { transaction: t, lock: t.LOCK.UPDATE });
      const before = row ? view(row) : null;
      const next = { ...values, updatedBy: principal.subjectId, updatedAt: new Date() };
      const result = row ? await row.update(next, { transaction: t }) : await PlatformProfileEntity.create({ id: 1, ...next }, { transaction: t });
      await this.audit.record(origin, {
        category: 'admin_write', action: 'platform_profile.update', result: 'success', targetType: 'platform_profile', targetId: 1,
        detail: { before, after: values },
      }, t);
      return result;
    });
    return view(saved);
  }
}

function view(row: PlatformProfileEntity): PlatformProfileView {
  return {
    platformName: row.platformName,
    operatingEntity: row.operatingEntity,
    creditCode: row.creditCode,
    icpLicenceNo: row.icpLicenceNo,
    icpFilingNo: row.icpFilingNo,
    mlpsFilingNo: row.mlpsFilingNo,
    hotline: row.hotline,
    address: row.address,
    updatedAt: row.updatedAt ? row.updatedAt.toISOString() : null,
  };
}

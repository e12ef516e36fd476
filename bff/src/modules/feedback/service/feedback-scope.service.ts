import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op } from 'sequelize';
import { DomainError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { subtreeOrgIds, visibleSubtreeIds } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';

/**
 * Which operators' feedback a staff member handles: platform staff every operator's (and the items
 * not tied to an order), operator staff their organisation subtree. Anything else answers 404.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FeedbackScope {
  @Inject() private audit: AuditService;

  /** null: every organisation (platform staff); otherwise the caller's subtree. Regulators are refused. */
  async visibleOrgs(principal: AdminPrincipal, origin: RequestOrigin): Promise<number[] | null> {
    if (principal.orgKind === 'regulator') {
      const e = new DomainError('ACCESS.DENIED', '监管机构通过监管数据接口查看服务评价数据');
      await this.audit.record(origin, { category: 'access_denied', action: 'feedback.access', result: 'denied', detail: { reason: e.errorCode, orgKind: principal.orgKind } });
      throw e;
    }
    if (principal.orgKind === 'platform') return null;
    return subtreeOrgIds(principal);
  }

  /** An organisation filter: that organisation and its branches, if the caller may see it (else nothing). */
  async orgSubtree(principal: AdminPrincipal, orgId: number): Promise<number[]> {
    return visibleSubtreeIds(principal, orgId);
  }

  async orgNames(ids: Array<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id != null))];
    if (!wanted.length) return new Map();
    const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: wanted } }, attributes: ['id', 'name'] });
    return new Map(orgs.map((o) => [o.id, o.name]));
  }
}

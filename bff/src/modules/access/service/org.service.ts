import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { OrgCreateRequest, OrgKind, OrgNode, OrgUpdateRequest } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { AdminUserEntity } from '../entity/admin-user.entity';
import { OrgEntity } from '../entity/org.entity';
import { inSubtree, subtreeWhere } from './scope';

/** Which kinds of organisation may sit under which: platform → operator → branch; regulators under the platform. */
const ALLOWED_CHILDREN: Record<OrgKind, OrgKind[]> = {
  platform: ['operator', 'regulator'],
  operator: ['branch'],
  branch: ['branch'],
  regulator: ['regulator'],
};

@Provide()
@Scope(ScopeEnum.Singleton)
export class OrgService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  async tree(principal: AdminPrincipal): Promise<OrgNode[]> {
    const orgs = await OrgEntity.findAll({ where: subtreeWhere(principal), order: [['path', 'ASC'], ['id', 'ASC']] });
    const nodes = new Map<number, OrgNode>(orgs.map((o) => [o.id, { ...toNode(o), children: [] }]));
    const roots: OrgNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
      if (parent && node.id !== principal.orgId) parent.children!.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /** An org the principal may see, or NotFound. */
  async visible(principal: AdminPrincipal, id: number): Promise<OrgEntity> {
    const org = await OrgEntity.findByPk(id);
    if (!org || !inSubtree(principal, org.path)) throw new NotFoundError('机构');
    return org;
  }

  async create(principal: AdminPrincipal, req: OrgCreateRequest, origin: RequestOrigin): Promise<OrgNode> {
    const parent = await this.visible(principal, req.parentId).catch(() => {
      throw new DomainError('ORG.PARENT_INVALID', '上级机构不存在或不在您的管辖范围内', { errors: [{ field: 'parentId', reason: '上级机构无效' }] });
    });
    if (!ALLOWED_CHILDREN[parent.kind].includes(req.kind)) {
      throw new DomainError('ORG.PARENT_INVALID', `${parent.kind} 下不能建立 ${req.kind}`, { errors: [{ field: 'kind', reason: `不能建在 ${parent.name} 下` }] });
    }
    const org = await this.db.transaction(async (t) => {
      const created = await OrgEntity.create(
        { parentId: parent.id, kind: req.kind, name: req.name, regionCode: req.regionCode ?? parent.regionCode ?? null, path: `${parent.path}pending/`, enabled: true },
        { transaction: t },
      );
      created.path = `${parent.path}${created.id}/`;
      await created.save({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'org.create', result: 'success', targetType: 'org', targetId: created.id, detail: { name: req.name, kind: req.kind, parentId: parent.id } }, t);
      return created;
    });
    return toNode(org);
  }

  async update(principal: AdminPrincipal, id: number, req: OrgUpdateRequest, origin: RequestOrigin): Promise<OrgNode> {
    const org = await this.visible(principal, id);
    if (req.enabled === false && org.id === principal.orgId) {
      throw new DomainError('ACCESS.DENIED', '不能停用自己所在的机构');
    }
    if (req.enabled === false) {
      const activeUsers = await AdminUserEntity.count({ where: { orgId: org.id, enabled: true } });
      const children = await OrgEntity.count({ where: { parentId: org.id, enabled: true } });
      if (activeUsers || children) throw new DomainError('ORG.HAS_CHILDREN', `机构下还有 ${children} 个启用的下级机构、${activeUsers} 个启用的用户`);
    }
    await this.db.transaction(async (t) => {
      const before = toNode(org);
      if (req.name !== undefined) org.name = req.name;
      if (req.regionCode !== undefined) org.regionCode = req.regionCode;
      if (req.enabled !== undefined) org.enabled = req.enabled;
      await org.save({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'org.update', result: 'success', targetType: 'org', targetId: org.id, detail: { before: { name: before.name, regionCode: before.regionCode, enabled: before.enabled }, change: req } }, t);
    });
    return toNode(org);
  }
}

export function toNode(o: OrgEntity): OrgNode {
  return { id: o.id, parentId: o.parentId, kind: o.kind, name: o.name, regionCode: o.regionCode, enabled: o.enabled };
}

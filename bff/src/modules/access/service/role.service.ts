import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op } from 'sequelize';
import { ALL_PERMISSIONS, type RoleCreateRequest, type RoleUpdateRequest, type RoleView } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { AdminUserRoleEntity } from '../entity/admin-user.entity';
import { OrgEntity } from '../entity/org.entity';
import { RoleEntity } from '../entity/role.entity';
import { assertRolePermissionsAllowed } from './grant-rules';
import { inSubtree, subtreeOrgIds } from './scope';

@Provide()
@Scope(ScopeEnum.Singleton)
export class RoleService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  /** Built-in roles plus the roles defined by organisations in the principal's subtree. */
  async list(principal: AdminPrincipal): Promise<RoleView[]> {
    const orgIds = await subtreeOrgIds(principal);
    const roles = await RoleEntity.findAll({ where: { [Op.or]: [{ builtIn: true }, { orgId: { [Op.in]: orgIds } }] }, order: [['builtIn', 'DESC'], ['id', 'ASC']] });
    return roles.map(toView);
  }

  async visible(principal: AdminPrincipal, ids: number[]): Promise<RoleEntity[]> {
    if (!ids.length) return [];
    const orgIds = await subtreeOrgIds(principal);
    const roles = await RoleEntity.findAll({ where: { id: { [Op.in]: ids }, [Op.or]: [{ builtIn: true }, { orgId: { [Op.in]: orgIds } }] } });
    const missing = ids.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length) throw new ValidationError([{ field: 'roleIds', reason: `角色不存在：${missing.join(', ')}` }]);
    return roles;
  }

  async create(principal: AdminPrincipal, req: RoleCreateRequest, origin: RequestOrigin): Promise<RoleView> {
    checkCodes(req.permissions);
    assertRolePermissionsAllowed(principal, req.permissions);
    if (await RoleEntity.findOne({ where: { orgId: principal.orgId, code: req.code } })) {
      throw new DomainError('ROLE.CODE_TAKEN', undefined, { errors: [{ field: 'code', reason: '角色编码已存在' }] });
    }
    const role = await this.db.transaction(async (t) => {
      const created = await RoleEntity.create({ code: req.code, name: req.name, orgId: principal.orgId, builtIn: false, permissions: req.permissions }, { transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'role.create', result: 'success', targetType: 'role', targetId: created.id, detail: { code: req.code, permissions: req.permissions } }, t);
      return created;
    });
    return toView(role);
  }

  async update(principal: AdminPrincipal, id: number, req: RoleUpdateRequest, origin: RequestOrigin): Promise<RoleView> {
    const role = await this.editable(principal, id);
    if (req.permissions) {
      checkCodes(req.permissions);
      assertRolePermissionsAllowed(principal, req.permissions);
      // holders of the role must not end up spanning duty groups or gaining rights through a back door
      if (principal.roles.includes(role.code)) {
        throw new DomainError('ACCESS.SEPARATION_OF_DUTIES', '不能修改自己所持有的角色');
      }
    }
    await this.db.transaction(async (t) => {
      const before = { name: role.name, permissions: role.permissions };
      if (req.name !== undefined) role.name = req.name;
      if (req.permissions !== undefined) role.permissions = req.permissions;
      await role.save({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'role.update', result: 'success', targetType: 'role', targetId: role.id, detail: { before, change: req } }, t);
    });
    return toView(role);
  }

  async remove(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<void> {
    const role = await this.editable(principal, id);
    const holders = await AdminUserRoleEntity.count({ where: { roleId: id } });
    if (holders) throw new DomainError('CONFLICT', `角色仍被 ${holders} 个用户使用，请先解除`);
    await this.db.transaction(async (t) => {
      await role.destroy({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'role.delete', result: 'success', targetType: 'role', targetId: id, detail: { code: role.code } }, t);
    });
  }

  private async editable(principal: AdminPrincipal, id: number): Promise<RoleEntity> {
    const role = await RoleEntity.findByPk(id);
    const org = role && !role.builtIn ? await OrgEntity.findByPk(role.orgId) : null;
    if (!role || (!role.builtIn && !inSubtree(principal, org?.path))) throw new NotFoundError('角色');
    if (role.builtIn) throw new DomainError('ROLE.BUILT_IN');
    return role;
  }
}

function checkCodes(permissions: string[]): void {
  const unknown = permissions.filter((p) => !(ALL_PERMISSIONS as string[]).includes(p));
  if (unknown.length) throw new ValidationError([{ field: 'permissions', reason: `未知权限：${unknown.join(', ')}` }]);
}

export function toView(r: RoleEntity): RoleView {
  return { id: r.id, code: r.code, name: r.name, orgId: r.orgId, builtIn: r.builtIn, permissions: r.permissions };
}

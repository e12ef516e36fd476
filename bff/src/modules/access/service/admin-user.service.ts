import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { maskPhone, type Page, type UserCreateRequest, type UserQuery, type UserUpdateRequest, type UserView } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { AdminUserEntity, AdminUserRoleEntity } from '../entity/admin-user.entity';
import { OrgEntity } from '../entity/org.entity';
import { RoleEntity } from '../entity/role.entity';
import { hashPassword } from './admin-auth.service';
import { assertAssignmentAllowed } from './grant-rules';
import { OrgService } from './org.service';
import { passwordProblems } from './password-policy';
import { RoleService } from './role.service';
import { inSubtree, subtreeOrgIds } from './scope';
import { SessionService } from './session.service';

const PHONE_INDEX = 'admin_user.phone';

@Provide()
@Scope(ScopeEnum.Singleton)
export class AdminUserService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;
  @Inject() private cipher: FieldCipher;
  @Inject() private orgs: OrgService;
  @Inject() private roles: RoleService;
  @Inject() private sessions: SessionService;

  async list(principal: AdminPrincipal, q: UserQuery): Promise<Page<UserView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize ?? 20)));
    let orgIds = await subtreeOrgIds(principal);
    if (q.orgId !== undefined) {
      const org = await this.orgs.visible(principal, Number(q.orgId));
      orgIds = (await OrgEntity.findAll({ where: { path: { [Op.like]: `${org.path}%` } }, attributes: ['id'] })).map((o) => o.id);
    }
    const and: WhereOptions[] = [{ orgId: { [Op.in]: orgIds } }];
    if (q.keyword) {
      const phoneBidx = this.cipher.blindIndex(q.keyword, PHONE_INDEX);
      and.push({ [Op.or]: [{ username: { [Op.like]: `%${q.keyword}%` } }, { displayName: { [Op.like]: `%${q.keyword}%` } }, { phoneBidx }] });
    }
    if (q.enabled !== undefined) and.push({ enabled: String(q.enabled) === 'true' });
    const { rows, count } = await AdminUserEntity.findAndCountAll({ where: { [Op.and]: and }, order: [['id', 'ASC']], offset: (page - 1) * pageSize, limit: pageSize });
    return { items: await this.views(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number): Promise<UserView> {
    return (await this.views([await this.visible(principal, id)]))[0];
  }

  async create(principal: AdminPrincipal, req: UserCreateRequest, origin: RequestOrigin): Promise<UserView> {
    await this.orgs.visible(principal, req.orgId).catch(() => {
      throw new DomainError('VALIDATION_FAILED', '所属机构无效', { errors: [{ field: 'orgId', reason: '机构不存在或不在您的管辖范围内' }] });
    });
    const problems = passwordProblems(req.password, req.username);
    if (problems.length) throw new DomainError('AUTH.PASSWORD_WEAK', problems.map((p) => p.reason).join('；'), { errors: problems });
    if (await AdminUserEntity.findOne({ where: { username: req.username } })) {
      throw new DomainError('USER.NAME_TAKEN', undefined, { errors: [{ field: 'username', reason: '用户名已存在' }] });
    }
    const roles = await this.roles.visible(principal, req.roleIds ?? []);
    // a new account is someone else: assignment rules apply as to anyone but oneself
    assertAssignmentAllowed(principal, -1, roles.map((r) => r.permissions));
    const passwordHash = await hashPassword(req.password);
    const user = await this.db.transaction(async (t) => {
      const created = await AdminUserEntity.create(
        {
          username: req.username,
          displayName: req.displayName,
          orgId: req.orgId,
          phoneEnc: this.cipher.encrypt(req.phone ?? null),
          phoneBidx: this.cipher.blindIndex(req.phone ?? null, PHONE_INDEX),
          passwordHash,
          passwordChangedAt: new Date(),
          mustChangePassword: true,
          failedAttempts: 0,
          enabled: true,
        },
        { transaction: t },
      );
      await this.setRoles(created.id, roles.map((r) => r.id), t);
      await this.audit.record(origin, { category: 'admin_write', action: 'user.create', result: 'success', targetType: 'admin_user', targetId: created.id, detail: { username: req.username, orgId: req.orgId, roles: roles.map((r) => r.code) } }, t);
      return created;
    });
    return this.get(principal, user.id);
  }

  async update(principal: AdminPrincipal, id: number, req: UserUpdateRequest, origin: RequestOrigin): Promise<UserView> {
    const user = await this.visible(principal, id);
    if (req.orgId !== undefined) await this.orgs.visible(principal, req.orgId);
    const roles = req.roleIds ? await this.roles.visible(principal, req.roleIds) : null;
    if (roles) assertAssignmentAllowed(principal, user.id, roles.map((r) => r.permissions));
    await this.db.transaction(async (t) => {
      if (req.displayName !== undefined) user.displayName = req.displayName;
      if (req.orgId !== undefined) user.orgId = req.orgId;
      if (req.phone !== undefined) {
        user.phoneEnc = this.cipher.encrypt(req.phone);
        user.phoneBidx = this.cipher.blindIndex(req.phone, PHONE_INDEX);
      }
      await user.save({ transaction: t });
      if (roles) await this.setRoles(user.id, roles.map((r) => r.id), t);
      await this.audit.record(origin, {
        category: 'admin_write', action: 'user.update', result: 'success', targetType: 'admin_user', targetId: user.id,
        detail: { displayName: req.displayName, orgId: req.orgId, phoneChanged: req.phone !== undefined, roles: roles?.map((r) => r.code) },
      }, t);
    });
    return this.get(principal, user.id);
  }

  /** Role assignment alone: the route security administrators use to appoint security and audit admins. */
  async assignRoles(principal: AdminPrincipal, id: number, roleIds: number[], origin: RequestOrigin): Promise<UserView> {
    const user = await this.visible(principal, id);
    const roles = await this.roles.visible(principal, roleIds);
    assertAssignmentAllowed(principal, user.id, roles.map((r) => r.permissions));
    await this.db.transaction(async (t) => {
      await this.setRoles(user.id, roles.map((r) => r.id), t);
      await this.audit.record(origin, { category: 'security', action: 'user.assign_roles', result: 'success', targetType: 'admin_user', targetId: user.id, detail: { roles: roles.map((r) => r.code) } }, t);
    });
    return this.get(principal, user.id);
  }

  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<UserView> {
    const user = await this.visible(principal, id);
    if (user.id === principal.subjectId) throw new DomainError('ACCESS.DENIED', '不能停用自己的账号');
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update({ enabled }, { where: { id }, transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: enabled ? 'user.enable' : 'user.disable', result: 'success', targetType: 'admin_user', targetId: id }, t);
    });
    if (!enabled) await this.sessions.revokeAll('admin', id, 'user_disabled');
    return this.get(principal, id);
  }

  async unlock(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<UserView> {
    await this.visible(principal, id);
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update({ lockedUntil: null, failedAttempts: 0 }, { where: { id }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'user.unlock', result: 'success', targetType: 'admin_user', targetId: id }, t);
    });
    return this.get(principal, id);
  }

  async resetPassword(principal: AdminPrincipal, id: number, password: string, origin: RequestOrigin): Promise<UserView> {
    const user = await this.visible(principal, id);
    if (user.id === principal.subjectId) throw new DomainError('ACCESS.DENIED', '请在个人设置中修改自己的密码');
    const problems = passwordProblems(password, user.username);
    if (problems.length) throw new DomainError('AUTH.PASSWORD_WEAK', problems.map((p) => p.reason).join('；'), { errors: problems });
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: true, failedAttempts: 0, lockedUntil: null }, { where: { id }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'user.reset_password', result: 'success', targetType: 'admin_user', targetId: id }, t);
    });
    await this.sessions.revokeAll('admin', id, 'password_reset');
    return this.get(principal, id);
  }

  /** The user enrols a new authenticator at next sign-in (lost phone). */
  async resetTotp(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<UserView> {
    const user = await this.visible(principal, id);
    if (user.id === principal.subjectId) throw new DomainError('ACCESS.DENIED', '不能重置自己的动态验证码');
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update({ totpSecretEnc: null, totpPendingEnc: null, totpLastStep: null }, { where: { id }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'user.reset_totp', result: 'success', targetType: 'admin_user', targetId: id }, t);
    });
    await this.sessions.revokeAll('admin', id, 'totp_reset');
    return this.get(principal, id);
  }

  private async visible(principal: AdminPrincipal, id: number): Promise<AdminUserEntity> {
    const user = await AdminUserEntity.findByPk(id);
    const org = user ? await OrgEntity.findByPk(user.orgId) : null;
    if (!user || !inSubtree(principal, org?.path)) throw new NotFoundError('用户');
    return user;
  }

  private async setRoles(userId: number, roleIds: number[], t: Transaction): Promise<void> {
    await AdminUserRoleEntity.destroy({ where: { userId }, transaction: t });
    if (roleIds.length) await AdminUserRoleEntity.bulkCreate(roleIds.map((roleId) => ({ userId, roleId })), { transaction: t });
  }

  private async views(users: AdminUserEntity[]): Promise<UserView[]> {
    if (!users.length) return [];
    const ids = users.map((u) => u.id);
    const links = await AdminUserRoleEntity.findAll({ where: { userId: { [Op.in]: ids } } });
    const roles = await RoleEntity.findAll({ where: { id: { [Op.in]: [...new Set(links.map((l) => l.roleId))] } } });
    const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: [...new Set(users.map((u) => u.orgId))] } } });
    return users.map((u) => {
      const roleIds = links.filter((l) => l.userId === u.id).map((l) => l.roleId);
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        orgId: u.orgId,
        orgName: orgs.find((o) => o.id === u.orgId)?.name ?? '',
        phone: u.phoneEnc ? maskPhone(this.cipher.decrypt(u.phoneEnc)) : null,
        roleIds,
        roles: roles.filter((r) => roleIds.includes(r.id)).map((r) => r.code),
        enabled: u.enabled,
        totpEnrolled: Boolean(u.totpSecretEnc),
        lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
        lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
        createdAt: u.createdAt.toISOString(),
      };
    });
  }
}

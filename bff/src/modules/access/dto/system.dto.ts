import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import { ALL_PERMISSIONS } from '@dzky/contracts';

const regionCode = RuleType.string().pattern(/^\d{6}$/, '6 位行政区划代码 (GB/T 2260)').allow(null);
const phone = RuleType.string().pattern(/^1\d{10}$/, '11 位手机号').allow(null);
const id = RuleType.number().integer().min(1);

export class OrgCreateDTO {
  @ApiProperty() @Rule(id.required()) parentId: number;
  @ApiProperty({ enum: ['operator', 'branch', 'regulator'] })
  @Rule(RuleType.string().valid('operator', 'branch', 'regulator').required())
  kind: 'operator' | 'branch' | 'regulator';
  @ApiProperty() @Rule(RuleType.string().trim().min(2).max(100).required()) name: string;
  @ApiProperty({ required: false }) @Rule(regionCode) regionCode?: string | null;
}

export class OrgUpdateDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(2).max(100)) name?: string;
  @ApiProperty({ required: false }) @Rule(regionCode) regionCode?: string | null;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

const permissions = RuleType.array().items(RuleType.string().valid(...ALL_PERMISSIONS)).unique();

export class RoleCreateDTO {
  @ApiProperty() @Rule(RuleType.string().pattern(/^[a-z][a-z0-9_]{1,63}$/, '小写字母开头，仅含小写字母、数字、下划线').required()) code: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(64).required()) name: string;
  @ApiProperty({ type: [String] }) @Rule(permissions.required()) permissions: any[];
}

export class RoleUpdateDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(64)) name?: string;
  @ApiProperty({ type: [String], required: false }) @Rule(permissions) permissions?: any[];
}

export class UserQueryDTO {
  @Rule(RuleType.number().integer().min(1)) page?: number;
  @Rule(RuleType.number().integer().min(1).max(100)) pageSize?: number;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
  @Rule(id) orgId?: number;
  @Rule(RuleType.boolean()) enabled?: boolean;
}

export class UserCreateDTO {
  @ApiProperty() @Rule(RuleType.string().pattern(/^[A-Za-z][A-Za-z0-9_.-]{2,63}$/, '字母开头，3–64 位字母、数字、_ . -').required()) username: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(64).required()) displayName: string;
  @ApiProperty() @Rule(id.required()) orgId: number;
  @ApiProperty({ required: false }) @Rule(phone) phone?: string | null;
  @ApiProperty() @Rule(RuleType.string().max(128).required()) password: string;
  @ApiProperty({ type: [Number] }) @Rule(RuleType.array().items(id).unique().default([])) roleIds: number[];
}

export class UserUpdateDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(64)) displayName?: string;
  @ApiProperty({ required: false }) @Rule(id) orgId?: number;
  @ApiProperty({ required: false }) @Rule(phone) phone?: string | null;
  @ApiProperty({ type: [Number], required: false }) @Rule(RuleType.array().items(id).unique()) roleIds?: number[];
}

export class RoleAssignDTO {
  @ApiProperty({ type: [Number] }) @Rule(RuleType.array().items(id).unique().required()) roleIds: number[];
}

export class ResetPasswordDTO {
  @ApiProperty() @Rule(RuleType.string().max(128).required()) password: string;
}

export class SecuritySettingsDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(0).max(365)) passwordMaxAgeDays?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(3).max(10)) lockoutThreshold?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(1).max(1440)) lockoutMinutes?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(5).max(30)) idleTimeoutMinutes?: number;
}

import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import { GENDERS, ID_TYPES, type Gender, type IdType } from '@dzky/contracts';

/*
 * The DTOs check shape only (types, lengths). The rules with reasons users must read — name, ID
 * number, phone — are validateRiderInput() and friends from contracts, run by the services, so
 * the app and the server word them the same.
 */

export class RiderDTO {
  @ApiProperty({ example: '张三' })
  @Rule(RuleType.string().allow('').max(64).required())
  name: string;

  @ApiProperty({ enum: ID_TYPES })
  @Rule(RuleType.string().valid(...ID_TYPES).required().messages({ 'any.only': '请选择证件类型', 'any.required': '请选择证件类型' }))
  idType: IdType;

  @ApiProperty({ example: '11010519491231002X' })
  @Rule(RuleType.string().allow('').max(32).required())
  idNumber: string;

  @ApiProperty({ required: false, example: '13800138000' })
  @Rule(RuleType.string().allow('', null).max(20))
  phone?: string | null;

  @ApiProperty({ required: false })
  @Rule(RuleType.boolean())
  isSelf?: boolean;
}

/** An update may leave out the ID number (same type: kept), the phone and the 本人 flag (kept). */
export class RiderUpdateDTO {
  @ApiProperty({ example: '张三' })
  @Rule(RuleType.string().allow('').max(64).required())
  name: string;

  @ApiProperty({ enum: ID_TYPES })
  @Rule(RuleType.string().valid(...ID_TYPES).required().messages({ 'any.only': '请选择证件类型', 'any.required': '请选择证件类型' }))
  idType: IdType;

  @ApiProperty({ required: false, description: 'left out or empty: unchanged (same idType only)' })
  @Rule(RuleType.string().allow('', null).max(32))
  idNumber?: string | null;

  @ApiProperty({ required: false, description: 'left out: unchanged; empty or null: removed' })
  @Rule(RuleType.string().allow('', null).max(20))
  phone?: string | null;

  @ApiProperty({ required: false })
  @Rule(RuleType.boolean())
  isSelf?: boolean;
}

export class ProfileUpdateDTO {
  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(32).allow('', null))
  nickname?: string | null;

  @ApiProperty({ required: false, enum: GENDERS })
  @Rule(RuleType.string().valid(...GENDERS).allow(null))
  gender?: Gender | null;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(64).allow('', null))
  emergencyContactName?: string | null;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(20).allow('', null))
  emergencyContactPhone?: string | null;
}

export class AdminPassengerQueryDTO {
  @Rule(RuleType.string().trim().max(20).allow(''))
  phone?: string;

  @Rule(RuleType.string().trim().max(32).allow(''))
  idNumber?: string;

  @Rule(RuleType.number().integer().min(1))
  page?: number;

  @Rule(RuleType.number().integer().min(1).max(100))
  pageSize?: number;
}

import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import {
  COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_KINDS, COMPLAINT_STATUSES, RATING_SUB_SCORES, RATING_TAG_CODES,
  type ComplaintCategory, type ComplaintChannel, type ComplaintKind, type ComplaintStatus, type RatingSubScore, type RatingTag,
} from '@dzky/contracts';

/*
 * The DTOs check shape only and keep unknown fields out. The rules a passenger must read with their
 * reasons (stars, tags, lengths, phone) are ratingRequestProblems / complaintRequestProblems from
 * contracts, run by the services, so the app and the server word them the same.
 */

const id = RuleType.number().integer().min(1);
const page = RuleType.number().integer().min(1);
const pageSize = RuleType.number().integer().min(1).max(100);
const day = RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/).allow('');

export class RatingCreateDTO {
  @ApiProperty({ description: '8–64 characters, unique per attempt (e.g. a UUID); a retry sends the same' })
  @Rule(RuleType.string().max(64).allow('')) clientKey: string;

  @ApiProperty() @Rule(RuleType.number()) orderId: number;
  @ApiProperty({ description: '1–5 stars' }) @Rule(RuleType.number()) score: number;

  @ApiProperty({ required: false, description: `optional 1–5 per ${RATING_SUB_SCORES.join(', ')}` })
  @Rule(RuleType.object().pattern(RuleType.string(), RuleType.number().allow(null)))
  subScores?: Partial<Record<RatingSubScore, number>>;

  @ApiProperty({ required: false, enum: RATING_TAG_CODES, isArray: true })
  @Rule(RuleType.array().items(RuleType.string()).max(20)) tags?: RatingTag[];

  @ApiProperty({ required: false }) @Rule(RuleType.string().max(2000).allow('', null)) comment?: string | null;
}

export class ComplaintCreateDTO {
  @ApiProperty() @Rule(RuleType.string().max(64).allow('')) clientKey: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) @Rule(RuleType.string().max(16).allow('')) kind: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) @Rule(RuleType.string().max(16).allow('')) category: ComplaintCategory;
  @ApiProperty({ description: '10–500 characters' }) @Rule(RuleType.string().max(5000).allow('')) content: string;
  @ApiProperty({ required: false }) @Rule(RuleType.number().allow(null)) orderId?: number | null;
  @ApiProperty({ required: false, example: '13800138000' }) @Rule(RuleType.string().max(20).allow('', null)) contactPhone?: string | null;
}

export class HotlineComplaintDTO {
  @ApiProperty({ description: '8–64 characters, unique per call logged; a retry sends the same' })
  @Rule(RuleType.string().max(64).allow('')) clientKey: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) @Rule(RuleType.string().max(16).allow('')) kind: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) @Rule(RuleType.string().max(16).allow('')) category: ComplaintCategory;
  @ApiProperty({ description: '10–500 characters: what the caller said' }) @Rule(RuleType.string().max(5000).allow('')) content: string;
  @ApiProperty({ required: false, description: 'the order the call is about' }) @Rule(RuleType.string().max(64).allow('', null)) orderNo?: string | null;
  @ApiProperty({ example: '13800138000', description: 'the caller, for the call back' }) @Rule(RuleType.string().max(20).allow('')) contactPhone: string;
}

export class ComplaintQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(RuleType.string().valid(...COMPLAINT_STATUSES)) status?: ComplaintStatus;
}

export class AdminComplaintQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(RuleType.string().valid(...COMPLAINT_KINDS)) kind?: ComplaintKind;
  @Rule(RuleType.string().valid(...COMPLAINT_CATEGORIES)) category?: ComplaintCategory;
  @Rule(RuleType.string().valid(...COMPLAINT_STATUSES)) status?: ComplaintStatus;
  @Rule(RuleType.string().valid(...COMPLAINT_CHANNELS)) channel?: ComplaintChannel;
  @Rule(RuleType.string().trim().max(32).allow('')) keyword?: string;
  @Rule(day) dateFrom?: string;
  @Rule(day) dateTo?: string;
}

export class ComplaintActionDTO {
  @ApiProperty({ required: false, description: 'required for reply, resolve and close; shown to the passenger' })
  @Rule(RuleType.string().max(2000).allow('', null)) note?: string | null;
}

export class AdminRatingQueryDTO {
  @Rule(page) page?: number;
  @Rule(pageSize) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(id) routeId?: number;
  @Rule(RuleType.number().integer().min(1).max(5)) score?: number;
  @Rule(RuleType.string().valid(...RATING_TAG_CODES)) tag?: RatingTag;
  @Rule(day) dateFrom?: string;
  @Rule(day) dateTo?: string;
}

export class FeedbackStatsQueryDTO {
  @Rule(id) orgId?: number;
  @Rule(day) dateFrom?: string;
  @Rule(day) dateTo?: string;
}

import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';

/**
 * Request shapes; the rules of content (region codes, China bounds, route stop order, geometry)
 * live in service/basedata-rules.ts so spreadsheet imports apply them too.
 */
const id = RuleType.number().integer().min(1);
const code = RuleType.string().trim().pattern(/^[A-Za-z0-9_-]{1,32}$/, '1–32 位字母、数字、- 或 _');
const regionCode = RuleType.string().trim().pattern(/^\d{6}$/, '6 位行政区划代码 (GB/T 2260)');
const day = RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/, '日期 YYYY-MM-DD');
const coordSys = RuleType.string().valid('wgs84', 'gcj02');
const localizedName = RuleType.object().pattern(RuleType.string(), RuleType.string().allow('', null).max(100));
const paging = {
  page: RuleType.number().integer().min(1),
  pageSize: RuleType.number().integer().min(1).max(100),
};

export class StopQueryDTO {
  @Rule(paging.page) page?: number;
  @Rule(paging.pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
  @Rule(RuleType.string().valid('station', 'fixed', 'zone')) type?: 'station' | 'fixed' | 'zone';
  @Rule(RuleType.boolean()) enabled?: boolean;
  @Rule(id) orgId?: number;
  @Rule(RuleType.string().pattern(/^\d{2,6}$/, '2–6 位行政区划代码前缀')) regionCode?: string;
}

export class StopCreateDTO {
  @ApiProperty({ required: false }) @Rule(id) orgId?: number;
  @ApiProperty() @Rule(code.required()) code: string;
  @ApiProperty({ example: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station' } }) @Rule(localizedName.required()) name: any;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(255).required()) address: string;
  @ApiProperty() @Rule(regionCode.required()) regionCode: string;
  @ApiProperty() @Rule(RuleType.number().required()) lng: number;
  @ApiProperty() @Rule(RuleType.number().required()) lat: number;
  @ApiProperty({ required: false, enum: ['wgs84', 'gcj02'] }) @Rule(coordSys) coordSys?: 'wgs84' | 'gcj02';
  @ApiProperty({ enum: ['station', 'fixed', 'zone'] }) @Rule(RuleType.string().valid('station', 'fixed', 'zone').required()) type: 'station' | 'fixed' | 'zone';
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

export class StopUpdateDTO {
  @ApiProperty({ required: false }) @Rule(code) code?: string;
  @ApiProperty({ required: false }) @Rule(localizedName) name?: any;
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(255)) address?: string;
  @ApiProperty({ required: false }) @Rule(regionCode) regionCode?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.number()) lng?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number()) lat?: number;
  @ApiProperty({ required: false }) @Rule(coordSys) coordSys?: 'wgs84' | 'gcj02';
  @ApiProperty({ required: false }) @Rule(RuleType.string().valid('station', 'fixed', 'zone')) type?: 'station' | 'fixed' | 'zone';
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

export class LineQueryDTO {
  @Rule(paging.page) page?: number;
  @Rule(paging.pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
  @Rule(RuleType.boolean()) enabled?: boolean;
  @Rule(RuleType.boolean()) operable?: boolean;
  @Rule(id) orgId?: number;
}

export class LineCreateDTO {
  @ApiProperty({ required: false }) @Rule(id) orgId?: number;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(64).required()) licenceNo: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(100).required()) name: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(64).required()) originCity: string;
  @ApiProperty() @Rule(regionCode.required()) originRegionCode: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(64).required()) destinationCity: string;
  @ApiProperty() @Rule(regionCode.required()) destinationRegionCode: string;
  @ApiProperty({ type: [Number], required: false }) @Rule(RuleType.array().items(id).unique().max(500)) approvedStopIds?: number[];
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(2000).allow('', null)) approvedArea?: string | null;
  @ApiProperty() @Rule(day.required()) validFrom: string;
  @ApiProperty() @Rule(day.required()) validUntil: string;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

export class LineUpdateDTO {
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(64)) licenceNo?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(100)) name?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(64)) originCity?: string;
  @ApiProperty({ required: false }) @Rule(regionCode) originRegionCode?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(64)) destinationCity?: string;
  @ApiProperty({ required: false }) @Rule(regionCode) destinationRegionCode?: string;
  @ApiProperty({ type: [Number], required: false }) @Rule(RuleType.array().items(id).unique().max(500)) approvedStopIds?: number[];
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(2000).allow('', null)) approvedArea?: string | null;
  @ApiProperty({ required: false }) @Rule(day) validFrom?: string;
  @ApiProperty({ required: false }) @Rule(day) validUntil?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

const routeStop = RuleType.object({
  seq: RuleType.number().integer().min(1).max(200).required(),
  stopId: id.required(),
  distanceFromPrevM: RuleType.number().integer().min(0).max(5_000_000).required(),
  minutesFromPrev: RuleType.number().integer().min(0).max(6000).required(),
  pickup: RuleType.boolean().required(),
  dropoff: RuleType.boolean().required(),
});

const zone = {
  name: RuleType.string().trim().min(1).max(64),
  kind: RuleType.string().valid('pickup', 'dropoff'),
  stopSeq: RuleType.number().integer().min(1),
  // the shape of the rings is checked in basedata-rules (closed, ≥ 4 positions, inside China)
  geometry: RuleType.object({
    type: RuleType.string().valid('Polygon', 'MultiPolygon').required(),
    coordinates: RuleType.array().required(),
  }).unknown(true),
};

export class ZoneDTO {
  @ApiProperty() @Rule(zone.name.required()) name: string;
  @ApiProperty({ enum: ['pickup', 'dropoff'] }) @Rule(zone.kind.required()) kind: 'pickup' | 'dropoff';
  @ApiProperty() @Rule(zone.stopSeq.required()) stopSeq: number;
  @ApiProperty({ description: 'GeoJSON Polygon or MultiPolygon, GCJ-02' }) @Rule(zone.geometry.required()) geometry: any;
}

export class RouteQueryDTO {
  @Rule(paging.page) page?: number;
  @Rule(paging.pageSize) pageSize?: number;
  @Rule(RuleType.string().trim().max(64).allow('')) keyword?: string;
  @Rule(id) lineId?: number;
  @Rule(RuleType.boolean()) enabled?: boolean;
  @Rule(id) orgId?: number;
}

export class RouteCreateDTO {
  @ApiProperty() @Rule(id.required()) lineId: number;
  @ApiProperty() @Rule(code.required()) code: string;
  @ApiProperty() @Rule(RuleType.string().trim().min(1).max(100).required()) name: string;
  @ApiProperty({ type: 'array' }) @Rule(RuleType.array().items(routeStop).min(2).max(200).required()) stops: any[];
  @ApiProperty({ type: 'array', required: false })
  @Rule(RuleType.array().items(RuleType.object({ name: zone.name.required(), kind: zone.kind.required(), stopSeq: zone.stopSeq.required(), geometry: zone.geometry.required() })).max(100))
  zones?: any[];
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

export class RouteUpdateDTO {
  @ApiProperty({ required: false }) @Rule(code) code?: string;
  @ApiProperty({ required: false }) @Rule(RuleType.string().trim().min(1).max(100)) name?: string;
  @ApiProperty({ type: 'array', required: false }) @Rule(RuleType.array().items(routeStop).min(2).max(200)) stops?: any[];
  @ApiProperty({ required: false }) @Rule(RuleType.boolean()) enabled?: boolean;
}

export class EnabledDTO {
  @ApiProperty() @Rule(RuleType.boolean().required()) enabled: boolean;
}

export class ImportQueryDTO {
  /** owner of the imported records; default the caller's organisation */
  @Rule(id) orgId?: number;
}

export class LocateDTO {
  @ApiProperty() @Rule(RuleType.number().required()) lng: number;
  @ApiProperty() @Rule(RuleType.number().required()) lat: number;
  @ApiProperty({ required: false, enum: ['wgs84', 'gcj02'] }) @Rule(coordSys) coordSys?: 'wgs84' | 'gcj02';
  @ApiProperty({ required: false }) @Rule(id) routeId?: number;
  @ApiProperty({ required: false, enum: ['pickup', 'dropoff'] }) @Rule(zone.kind) kind?: 'pickup' | 'dropoff';
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(1).max(50)) limit?: number;
  @ApiProperty({ required: false }) @Rule(RuleType.number().integer().min(1).max(500_000)) maxDistanceM?: number;
}

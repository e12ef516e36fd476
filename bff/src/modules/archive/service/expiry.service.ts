import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import {
  EXPIRY_DOCUMENT_LABELS, EXPIRY_THRESHOLDS, chinaToday,
  type ArchiveKind, type DeliveryChannel, type DeliveryResult, type ExpiryDocument, type ExpiryScanResult,
  type ExpiryThreshold, type ExpiryWarningQuery, type ExpiryWarningView, type Operability, type Page,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { subtreeOrgIds } from '../../access/service/scope';
import { WechatIdentityEntity } from '../../account/entity/end-user.entity';
import { AuditService } from '../../audit/service/audit.service';
import type { SmsPort } from '../../integration/port/sms.port';
import type { WechatPort } from '../../integration/port/wechat.port';
import {
  ArchiveHistoryEntity, DriverEntity, ExpiryDeliveryEntity, ExpiryWarningEntity, OperatorArchiveEntity, VehicleEntity,
} from '../entity';
import { ArchiveHistoryService } from './archive-history.service';
import { addDays, daysUntil } from './archive-support';
import { driverOperability } from './driver.service';
import { operatorOperability } from './operator-archive.service';
import { vehicleOperability } from './vehicle.service';

export interface JobsConfig {
  expiry?: {
    /** the daily timer; off in unit tests (tests call runExpiryScan themselves) */
    enabled?: boolean;
    /** hour of the day (Asia/Shanghai) the daily scan runs */
    hour?: number;
    /** WeChat subscribe-message template of the driver app for "certificate expiring" */
    driverTemplateId?: string;
  };
}

export const DEFAULT_DRIVER_TEMPLATE_ID = process.env.WECHAT_DRIVER_TEMPLATE_EXPIRY ?? 'TPL_CERT_EXPIRY';

/** A dated document of an archive, as the scan sees it. */
interface TrackedDocument {
  kind: ArchiveKind;
  recordId: number;
  orgId: number;
  label: string;
  document: ExpiryDocument;
  expiresOn: string;
}

/** The scan is the system's own action: no request, no signed-in actor. */
export const SYSTEM_ORIGIN: RequestOrigin = { ip: null, userAgent: null, requestId: null };

/** The tightest threshold a document has reached, or null when it is more than 30 days away. */
export function thresholdOf(daysLeft: number): ExpiryThreshold | null {
  const reached = EXPIRY_THRESHOLDS.filter((t) => daysLeft <= t);
  return reached.length ? reached[reached.length - 1] : null;
}

/**
 * Expiry warnings: a daily scan of every dated document — driving licences,
 * qualification certificates, 道路运输证, annual inspection, insurance, operator permits and
 * agreements. Each document raises one warning per threshold (30/15/7/0 days; the unique key makes a
 * second run a no-op), expired documents make their record non-operable, and drivers are told about
 * their own documents by WeChat subscribe message, or by SMS when WeChat cannot deliver.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ExpiryService {
  // public so the CLI can assemble the service without the container
  @Inject() db: DatabaseService;
  @Inject() cipher: FieldCipher;
  @Inject() audit: AuditService;
  @Inject() history: ArchiveHistoryService;
  @Inject('wechatPort') wechat: WechatPort;
  @Inject('smsPort') sms: SmsPort;
  @Config('jobs') config: JobsConfig | undefined;

  get templateId(): string {
    return this.config?.expiry?.driverTemplateId ?? DEFAULT_DRIVER_TEMPLATE_ID;
  }

  async runExpiryScan(today: string = chinaToday()): Promise<ExpiryScanResult> {
    const result: ExpiryScanResult = { today, created: 0, notified: 0, smsFallbacks: 0, markedInoperable: 0 };
    const docs = await this.trackedDocuments();
    const current = new Map(docs.map((d) => [docKey(d), d.expiresOn]));

    // a renewed document (new date, or back beyond 30 days) no longer warns
    const open = await ExpiryWarningEntity.findAll({ where: { open: true } });
    const stale = open.filter((w) => {
      const expiresOn = current.get(docKey(w));
      return expiresOn !== w.expiresOn || thresholdOf(daysUntil(expiresOn, today)) === null;
    });
    if (stale.length) {
      await ExpiryWarningEntity.update({ open: false, closedAt: new Date() }, { where: { id: { [Op.in]: stale.map((w) => w.id) } } });
    }

    for (const doc of docs) {
      const threshold = thresholdOf(daysUntil(doc.expiresOn, today));
      if (threshold === null) continue;
      if (await this.raise(doc, threshold)) result.created++;
    }

    result.markedInoperable = await this.refreshOperability(today);
    const sent = await this.notifyDrivers();
    result.notified = sent.notified;
    result.smsFallbacks = sent.smsFallbacks;
    if (result.created || result.markedInoperable) {
      await this.audit.record(
        SYSTEM_ORIGIN,
        {
          category: 'admin_write', action: 'archive.expiry_scan', result: 'success', targetType: 'expiry_warning',
          detail: { ...result }, actor: { id: null, name: 'system:expiry-job', orgId: null, orgPath: null },
        },
      );
    }
    return result;
  }

  /** Open warnings in the caller's subtree, soonest expiry first. */
  async list(principal: AdminPrincipal, q: ExpiryWarningQuery): Promise<Page<ExpiryWarningView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize ?? 20)));
    const today = chinaToday();
    const and: WhereOptions[] = [{ open: true }, { orgId: { [Op.in]: await subtreeOrgIds(principal) } }];
    if (q.kind) and.push({ kind: q.kind });
    if (q.withinDays !== undefined && q.withinDays !== null && String(q.withinDays) !== '') {
      and.push({ expiresOn: { [Op.lte]: addDays(today, Number(q.withinDays)) } });
    }
    const { rows, count } = await ExpiryWarningEntity.findAndCountAll({
      where: { [Op.and]: and },
      order: [['expiresOn', 'ASC'], ['id', 'ASC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const labels = await this.labels(rows);
    const orgs = new Map((await OrgEntity.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((r) => r.orgId))] } } })).map((o) => [o.id, o.name]));
    const deliveries = await ExpiryDeliveryEntity.findAll({ where: { warningId: { [Op.in]: rows.map((r) => r.id) } }, order: [['id', 'ASC']] });
    return {
      items: rows.map((w) => ({
        id: w.id,
        kind: w.kind,
        recordId: w.recordId,
        label: labels.get(`${w.kind}:${w.recordId}`) ?? '',
        orgId: w.orgId,
        orgName: orgs.get(w.orgId) ?? '',
        document: w.document,
        documentLabel: EXPIRY_DOCUMENT_LABELS[w.document].zh,
        expiresOn: w.expiresOn,
        daysLeft: daysUntil(w.expiresOn, today),
        threshold: w.threshold as ExpiryThreshold,
        createdAt: w.createdAt.toISOString(),
        deliveries: deliveries
          .filter((d) => d.warningId === w.id)
          .map((d) => ({ channel: d.channel, result: d.result, detail: d.detail, at: d.createdAt.toISOString() })),
      })),
      total: count,
      page,
      pageSize,
    };
  }

  // ---- internals ------------------------------------------------------------------------------

  private async trackedDocuments(): Promise<TrackedDocument[]> {
    const docs: TrackedDocument[] = [];
    const add = (kind: ArchiveKind, recordId: number, orgId: number, label: string, document: ExpiryDocument, expiresOn: string | null) => {
      if (expiresOn) docs.push({ kind, recordId, orgId, label, document, expiresOn });
    };
    // a driver who has left or a disabled archive no longer needs reminding
    for (const d of await DriverEntity.findAll({ where: { enabled: true, employmentStatus: { [Op.ne]: 'left' } } })) {
      add('driver', d.id, d.orgId, d.name, 'driving_licence', d.licenceExpiry);
      add('driver', d.id, d.orgId, d.name, 'qualification', d.qualificationExpiry);
    }
    for (const v of await VehicleEntity.findAll({ where: { enabled: true } })) {
      add('vehicle', v.id, v.orgId, v.plateNo, 'transport_cert', v.transportCertExpiry);
      add('vehicle', v.id, v.orgId, v.plateNo, 'annual_inspection', v.annualInspectionDue);
      add('vehicle', v.id, v.orgId, v.plateNo, 'insurance', v.insuranceExpiry);
    }
    for (const o of await OperatorArchiveEntity.findAll({ where: { status: 'active' } })) {
      add('operator', o.orgId, o.orgId, o.legalName, 'business_licence', o.businessLicenceExpiry);
      add('operator', o.orgId, o.orgId, o.legalName, 'operating_permit', o.permitExpiry);
      add('operator', o.orgId, o.orgId, o.legalName, 'agreement', o.agreementValidUntil);
    }
    return docs;
  }

  /** Creates the warning once; the newest threshold of a document supersedes the earlier ones. */
  private async raise(doc: TrackedDocument, threshold: ExpiryThreshold): Promise<boolean> {
    const key = { kind: doc.kind, recordId: doc.recordId, document: doc.document, expiresOn: doc.expiresOn, threshold };
    if (await ExpiryWarningEntity.count({ where: key })) return false;
    try {
      await this.db.transaction(async (t) => {
        await ExpiryWarningEntity.update(
          { open: false, closedAt: new Date() },
          { where: { kind: doc.kind, recordId: doc.recordId, document: doc.document, open: true }, transaction: t },
        );
        await ExpiryWarningEntity.create({ ...key, orgId: doc.orgId, open: true, closedAt: null }, { transaction: t });
      });
      return true;
    } catch (e) {
      // another process raised it first: the unique key is the guarantee
      if (e instanceof UniqueConstraintError) return false;
      throw e;
    }
  }

  /**
   * Stores the operability computed today for every record, so list filters agree with the day; a
   * record that stops being operable gets a history version ('expire').
   */
  private async refreshOperability(today: string): Promise<number> {
    let marked = 0;
    const apply = async (kind: ArchiveKind, recordId: number, row: DriverEntity | VehicleEntity | OperatorArchiveEntity, next: Operability) => {
      const blockers = JSON.stringify(next.blockers);
      if (Boolean(row.operable) === next.operable && row.blockers === blockers) return;
      const lost = Boolean(row.operable) && !next.operable;
      await this.db.transaction(async (t) => {
        await row.update({ operable: next.operable, blockers }, { transaction: t });
        if (lost) await this.appendExpired(kind, recordId, next, t);
      });
      if (lost) marked++;
    };
    for (const d of await DriverEntity.findAll()) await apply('driver', d.id, d, driverOperability(d, today));
    for (const v of await VehicleEntity.findAll()) await apply('vehicle', v.id, v, vehicleOperability(v, today));
    for (const o of await OperatorArchiveEntity.findAll()) await apply('operator', o.orgId, o, operatorOperability(o, today));
    return marked;
  }

  /** A version that repeats the last snapshot with the new operability (no personal data is read). */
  private async appendExpired(kind: ArchiveKind, recordId: number, next: Operability, t: Transaction): Promise<void> {
    const last = await ArchiveHistoryEntity.findOne({ where: { kind, recordId }, order: [['version', 'DESC']], transaction: t });
    const snapshot = { ...(last ? JSON.parse(last.snapshot) : {}), operable: next.operable, blockers: next.blockers };
    await this.history.append(kind, recordId, 'expire', snapshot, null, t);
  }

  /**
   * Tells each driver about their own open warnings that were never sent, in one message per driver
   * (SMS providers throttle repeated messages to one number). WeChat first, to the driver app's
   * openid of the linked account; SMS when there is none or WeChat cannot deliver (43101: no
   * subscription left). Every attempt is recorded; a warning with a delivery is never sent again.
   */
  private async notifyDrivers(): Promise<{ notified: number; smsFallbacks: number }> {
    const pending = await ExpiryWarningEntity.findAll({ where: { kind: 'driver', open: true }, order: [['id', 'ASC']] });
    const delivered = new Set(
      (await ExpiryDeliveryEntity.findAll({ where: { warningId: { [Op.in]: pending.map((w) => w.id) } }, attributes: ['warningId'] })).map((d) => d.warningId),
    );
    const byDriver = new Map<number, ExpiryWarningEntity[]>();
    for (const w of pending.filter((p) => !delivered.has(p.id))) byDriver.set(w.recordId, [...(byDriver.get(w.recordId) ?? []), w]);

    let notified = 0;
    let smsFallbacks = 0;
    const driverAppId = this.wechat.appidOf('driver');
    for (const [driverId, warnings] of byDriver) {
      const driver = await DriverEntity.findByPk(driverId);
      if (!driver) continue;
      const items = warnings.map((w) => EXPIRY_DOCUMENT_LABELS[w.document].zh).join('、');
      const soonest = warnings.map((w) => w.expiresOn).sort()[0];
      const record = (channel: DeliveryChannel, result: DeliveryResult, detail: string | null) =>
        ExpiryDeliveryEntity.bulkCreate(warnings.map((w) => ({ warningId: w.id, channel, result, detail: detail?.slice(0, 255) ?? null })));

      const identity = driver.linkedEndUserId
        ? await WechatIdentityEntity.findOne({ where: { endUserId: driver.linkedEndUserId, appid: driverAppId } })
        : null;
      if (identity) {
        try {
          const sent = await this.wechat.sendSubscribeMessage('driver', {
            touser: identity.openid,
            templateId: this.templateId,
            page: 'pages/mine/index/index',
            data: {
              thing1: { value: items.slice(0, 20) },
              time2: { value: soonest },
              thing3: { value: '请及时办理换证并在档案中更新' },
            },
          });
          if (sent.delivered) {
            await record('wechat', 'delivered', null);
            notified++;
            continue;
          }
          await record('wechat', 'no_subscription', `errcode ${sent.errcode}`);
        } catch (e) {
          await record('wechat', 'failed', (e as Error).message);
        }
      } else {
        await record('wechat', 'no_recipient', driver.linkedEndUserId ? '司机端账号未关联微信' : '未绑定司机端账号');
      }
      smsFallbacks++;
      try {
        const receipt = await this.sms.send(this.cipher.decrypt(driver.phoneEnc), 'notice', { name: driver.name, item: items, date: soonest });
        await record('sms', 'delivered', receipt.bizId);
        notified++;
      } catch (e) {
        await record('sms', 'failed', (e as Error).message);
      }
    }
    return { notified, smsFallbacks };
  }

  private async labels(rows: ExpiryWarningEntity[]): Promise<Map<string, string>> {
    const ids = (kind: ArchiveKind) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.recordId))];
    const labels = new Map<string, string>();
    for (const d of await DriverEntity.findAll({ where: { id: { [Op.in]: ids('driver') } }, attributes: ['id', 'name'] })) labels.set(`driver:${d.id}`, d.name);
    for (const v of await VehicleEntity.findAll({ where: { id: { [Op.in]: ids('vehicle') } }, attributes: ['id', 'plateNo'] })) labels.set(`vehicle:${v.id}`, v.plateNo);
    for (const o of await OperatorArchiveEntity.findAll({ where: { orgId: { [Op.in]: ids('operator') } }, attributes: ['orgId', 'legalName'] })) labels.set(`operator:${o.orgId}`, o.legalName);
    return labels;
  }
}

function docKey(d: { kind: string; recordId: number; document: string }): string {
  return `${d.kind}:${d.recordId}:${d.document}`;
}

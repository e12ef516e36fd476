import { Controller, Get, Inject, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { Readable } from 'stream';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AuditQueryDTO } from '../../dto/audit.dto';
import { AuditService } from '../../service/audit.service';
import { toCsvRow } from '../../service/csv';

const CSV_HEADER = ['序号', '时间(UTC)', '类别', '操作', '操作人', '操作人ID', '机构ID', '对象类型', '对象ID', '结果', '来源IP', '请求ID', '详情'];

@ApiTags('admin · audit trail')
@ApiBearerAuth()
@Controller('/api/admin/audit')
export class AuditController {
  @Inject() ctx: Context;
  @Inject() audit: AuditService;

  @RequirePermission('audit:read')
  @Get('/')
  async list(@Query() q: AuditQueryDTO) {
    return this.audit.query(adminOf(this.ctx), q);
  }

  /** CSV (UTF-8 with BOM so Excel reads the Chinese), streamed; the export itself is audited. */
  @RequirePermission('audit:export')
  @Get('/export')
  async export(@Query() q: AuditQueryDTO) {
    const principal = adminOf(this.ctx);
    await this.audit.record(originOf(this.ctx), { category: 'security', action: 'audit.export', result: 'success', detail: { filter: q } });
    const records = this.audit.iterate(principal, q);
    async function* lines() {
      yield '\uFEFF' + toCsvRow(CSV_HEADER);
      for await (const r of records) {
        yield toCsvRow([r.id, r.at, r.category, r.action, r.actorName, r.actorId, r.orgId, r.targetType, r.targetId, r.result, r.sourceIp, r.requestId, r.detail ? JSON.stringify(r.detail) : '']);
      }
    }
    this.ctx.set('Content-Type', 'text/csv; charset=utf-8');
    this.ctx.set('Content-Disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    this.ctx.state.rawResponse = true;
    return Readable.from(lines());
  }
}

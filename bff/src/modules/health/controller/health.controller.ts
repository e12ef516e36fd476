import { Controller, Get, Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiTags } from '@midwayjs/swagger';
import { DatabaseService } from '../../../common/db/database.service';

@ApiTags('operations')
@Controller('/')
export class HealthController {
  @Inject() ctx: Context;
  @Inject() db: DatabaseService;

  /** The process is up (liveness). */
  @Get('/health')
  async health() {
    return { status: 'up' };
  }

  /** The database answers (readiness): load balancers send traffic only when this is 200. */
  @Get('/ready')
  async ready() {
    try {
      await this.db.ping();
      return { status: 'ready', database: this.db.dialect };
    } catch (e) {
      this.ctx.logger.error(e as Error);
      this.ctx.status = 503;
      return { status: 'unavailable', database: 'unreachable' };
    }
  }
}

import { Controller, Get, Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiTags } from '@midwayjs/swagger';
import { DatabaseService } from '../../../common/db/database.service';
import { CounterStoreProvider } from '../../../common/kv/counter-store.provider';

@ApiTags('operations')
@Controller('/')
export class HealthController {
  @Inject() ctx: Context;
  @Inject() db: DatabaseService;
  @Inject() counters: CounterStoreProvider;

  /** The process is up (liveness). */
  @Get('/health')
  async health() {
    return { status: 'up' };
  }

  /** The database (and Redis, when configured) answer: load balancers send traffic only on 200. */
  @Get('/ready')
  async ready() {
    const [database, counters] = await Promise.all([
      this.db.ping().then(() => this.db.dialect as string, (e) => this.unreachable(e)),
      this.counters.store.ping().then(() => this.counters.store.kind as string, (e) => this.unreachable(e)),
    ]);
    const ready = database !== 'unreachable' && counters !== 'unreachable';
    if (!ready) this.ctx.status = 503;
    return { status: ready ? 'ready' : 'unavailable', database, counters };
  }

  private unreachable(e: Error): string {
    this.ctx.logger.error(e);
    return 'unreachable';
  }
}

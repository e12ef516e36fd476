import {
  Autoload, Config, Destroy, Init, Inject, Logger, MidwayEnvironmentService, Provide, Scope, ScopeEnum, type ILogger,
} from '@midwayjs/core';
import { RepeatingJob, jobEnabled } from '../../../common/jobs/repeating-job';
import { HoldExpiryService } from './hold-expiry.service';

export interface BookingConfig {
  sweep?: { enabled?: boolean; intervalMs?: number };
}

export const DEFAULT_SWEEP_INTERVAL_MS = 15_000;

/**
 * Runs the hold-expiry sweep inside the bff process every BOOKING_SWEEP_INTERVAL_MS (default 15 s),
 * so released seats go back on sale within seconds of the hold ending even when nobody reads the
 * order. On by default, off in unit tests (they call sweep() themselves or enable it);
 * BOOKING_SWEEP_ENABLED overrides the configuration. Several bff processes may sweep at once: each
 * order is expired once (see HoldExpiryService).
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class HoldExpiryTimer {
  @Config('booking') private config: BookingConfig | undefined;
  @Inject() private environment: MidwayEnvironmentService;
  @Inject() private holds: HoldExpiryService;
  @Logger() private logger: ILogger;

  private job: RepeatingJob | null = null;
  private intervalMs = DEFAULT_SWEEP_INTERVAL_MS;

  @Init()
  init(): void {
    const fromEnv = Number(process.env.BOOKING_SWEEP_INTERVAL_MS);
    const interval = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : (this.config?.sweep?.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    this.intervalMs = Math.max(100, interval);
    if (!jobEnabled(process.env.BOOKING_SWEEP_ENABLED, this.config?.sweep?.enabled, this.environment.getCurrentEnvironment())) return;
    this.job = new RepeatingJob('[booking] hold expiry sweep', () => this.intervalMs, async () => {
      const expired = await this.holds.sweep();
      if (expired) this.logger.info('[booking] %d unpaid orders expired, seats released', expired);
    }, this.logger);
    this.job.start();
  }

  @Destroy()
  stop(): void {
    this.job?.stop();
  }
}

import {
  Autoload, Config, Destroy, Init, Inject, Logger, MidwayEnvironmentService, Provide, Scope, ScopeEnum, type ILogger,
} from '@midwayjs/core';
import { RepeatingJob, jobEnabled } from '../../../common/jobs/repeating-job';
import { ExpiryService, type JobsConfig } from './expiry.service';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Milliseconds from `now` to the next `hour`:00 in Asia/Shanghai (UTC+8, no daylight saving). */
export function msUntilNextRun(hour: number, now: number = Date.now()): number {
  const chinaNow = now + CHINA_OFFSET_MS;
  const todayRun = Math.floor(chinaNow / DAY_MS) * DAY_MS + hour * 3_600_000;
  const next = todayRun > chinaNow ? todayRun : todayRun + DAY_MS;
  return next - chinaNow;
}

/**
 * The daily expiry scan inside the bff process. On by default, off in unit tests (they call
 * runExpiryScan with a chosen day); `jobs.expiry.enabled` or JOBS_EXPIRY_ENABLED overrides. The scan
 * is idempotent, so several bff processes running it the same night send nothing twice.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class ExpiryTimer {
  @Config('jobs') private config: JobsConfig | undefined;
  @Inject() private environment: MidwayEnvironmentService;
  @Inject() private expiry: ExpiryService;
  @Logger() private logger: ILogger;

  private job: RepeatingJob | null = null;

  @Init()
  init(): void {
    if (!jobEnabled(process.env.JOBS_EXPIRY_ENABLED, this.config?.expiry?.enabled, this.environment.getCurrentEnvironment())) return;
    const hour = this.config?.expiry?.hour ?? 2;
    this.job = new RepeatingJob('[archive] expiry scan', () => msUntilNextRun(hour), async () => {
      const result = await this.expiry.runExpiryScan();
      this.logger.info('[archive] expiry scan %j', result);
    }, this.logger);
    this.job.start();
  }

  @Destroy()
  stop(): void {
    this.job?.stop();
  }
}

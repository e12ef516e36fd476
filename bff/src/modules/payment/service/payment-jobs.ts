import { Autoload, Destroy, Init, Inject, Logger, MidwayEnvironmentService, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { RepeatingJob, jobEnabled } from '../../../common/jobs/repeating-job';
import { PaymentService } from './payment.service';
import { RefundService } from './refund.service';

const INTERVAL_MS = 30_000;

/**
 * Catches what a lost notification or a crash left open: payments asked about (and closed when
 * their time ran out), refunds never sent or never answered, cancelled trips' refunds never
 * written. Every step is safe in several bff processes at once. PAYMENT_SWEEP_ENABLED overrides.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class PaymentSweeper {
  @Inject() private environment: MidwayEnvironmentService;
  @Inject() private payments: PaymentService;
  @Inject() private refunds: RefundService;
  @Logger() private logger: ILogger;
  private job: RepeatingJob | null = null;

  @Init()
  init(): void {
    if (!jobEnabled(process.env.PAYMENT_SWEEP_ENABLED, undefined, this.environment.getCurrentEnvironment())) return;
    this.job = new RepeatingJob('[payment] sweep', () => Number(process.env.PAYMENT_SWEEP_INTERVAL_MS) || INTERVAL_MS, () => this.sweep(), this.logger);
    this.job.start();
  }

  async sweep(now = new Date()): Promise<void> {
    await this.payments.sweepOpenPayments(now);
    await this.refunds.sweep(now);
  }

  @Destroy()
  stop(): void {
    this.job?.stop();
  }
}

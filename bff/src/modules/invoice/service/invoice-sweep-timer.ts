import { Autoload, Destroy, Init, Inject, Logger, MidwayEnvironmentService, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { RepeatingJob, jobEnabled } from '../../../common/jobs/repeating-job';
import { InvoiceService } from './invoice.service';

export const DEFAULT_INVOICE_SWEEP_INTERVAL_MS = 60_000;

/**
 * Finishes invoices left `issuing`: a callback that never came, or a bff that stopped
 * between recording an invoice and asking the provider. Every INVOICE_SWEEP_INTERVAL_MS (default
 * 60 s) invoices untouched for that long are submitted again or read from the provider. On by
 * default, off in unit tests (they call sweep() themselves); INVOICE_SWEEP_ENABLED overrides. Safe
 * in several bff processes at once: the provider deduplicates on the request number and each
 * outcome is applied once.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class InvoiceSweepTimer {
  @Inject() private environment: MidwayEnvironmentService;
  @Inject() private invoices: InvoiceService;
  @Logger() private logger: ILogger;

  private job: RepeatingJob | null = null;

  @Init()
  init(): void {
    const fromEnv = Number(process.env.INVOICE_SWEEP_INTERVAL_MS);
    const interval = Math.max(1000, Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_INVOICE_SWEEP_INTERVAL_MS);
    if (!jobEnabled(process.env.INVOICE_SWEEP_ENABLED, undefined, this.environment.getCurrentEnvironment())) return;
    this.job = new RepeatingJob('[invoice] issuing sweep', () => interval, async () => {
      const done = await this.invoices.sweep(interval);
      if (done) this.logger.info('[invoice] %d invoices left issuing were followed up', done);
    }, this.logger);
    this.job.start();
  }

  @Destroy()
  stop(): void {
    this.job?.stop();
  }
}

import type { ILogger } from '@midwayjs/core';

/**
 * Whether an in-process job runs: an environment switch ('true'/'false') wins, then the
 * configuration, else on everywhere but in unit tests (they call the job's work themselves).
 */
export function jobEnabled(envSwitch: string | undefined, configured: boolean | undefined, environment: string): boolean {
  if (envSwitch !== undefined) return envSwitch === 'true';
  return configured ?? environment !== 'unittest';
}

/**
 * A job the bff runs again and again inside its own process. The next run is planned when the last
 * one ends, so a slow run never overlaps itself; a failed run is logged and the next still comes;
 * the timer never keeps the process alive on its own; and a run still going at shutdown plans no
 * other. The work itself must be safe to run in several bff processes at once.
 */
export class RepeatingJob {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly name: string,
    /** milliseconds from now to the next run */
    private readonly delayMs: () => number,
    private readonly work: () => Promise<void>,
    private readonly logger: Pick<ILogger, 'error'>,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.delayMs());
    this.timer.unref();
  }

  private async run(): Promise<void> {
    try {
      await this.work();
    } catch (e) {
      this.logger.error('%s failed: %s', this.name, (e as Error).stack ?? e);
    } finally {
      this.schedule();
    }
  }
}

import { ExpiryTimer } from '../../src/modules/archive/service/expiry-timer';

/** The timer as the container assembles it, with a scan that only counts its calls. */
function timer(environment: string, config?: { enabled?: boolean; hour?: number }) {
  const runExpiryScan = jest.fn().mockResolvedValue({ created: 0 });
  const instance = new ExpiryTimer();
  Object.assign(instance as object, {
    config: config ? { expiry: config } : undefined,
    environment: { getCurrentEnvironment: () => environment },
    expiry: { runExpiryScan },
    logger: { info: jest.fn(), error: jest.fn() },
  });
  return { instance, runExpiryScan };
}

describe('R-6.1.2 the daily expiry timer', () => {
  const env = process.env.JOBS_EXPIRY_ENABLED;
  beforeEach(() => {
    delete process.env.JOBS_EXPIRY_ENABLED;
    // 17:00 UTC is 01:00 in Shanghai: one hour before the 02:00 run
    jest.useFakeTimers({ now: Date.parse('2026-11-25T17:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
    if (env === undefined) delete process.env.JOBS_EXPIRY_ENABLED;
    else process.env.JOBS_EXPIRY_ENABLED = env;
  });

  it('R-6.1.2 does no work at boot, scans at the hour every day, and stops on shutdown', async () => {
    const { instance, runExpiryScan } = timer('production');
    instance.init();
    expect(runExpiryScan).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(3_600_000 - 1);
    expect(runExpiryScan).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(runExpiryScan).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(86_400_000);
    expect(runExpiryScan).toHaveBeenCalledTimes(2);
    instance.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(3 * 86_400_000);
    expect(runExpiryScan).toHaveBeenCalledTimes(2);
  });

  it('R-6.1.2 a scan still running at shutdown plans no further run', async () => {
    const { instance, runExpiryScan } = timer('production');
    let finish: () => void = () => undefined;
    runExpiryScan.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    instance.init();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(runExpiryScan).toHaveBeenCalledTimes(1);
    instance.stop();
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('R-6.1.2 a failed scan is logged and tomorrow\'s still runs', async () => {
    const { instance, runExpiryScan } = timer('production');
    runExpiryScan.mockRejectedValueOnce(new Error('database gone'));
    instance.init();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect((instance as any).logger.error).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(86_400_000);
    expect(runExpiryScan).toHaveBeenCalledTimes(2);
    instance.stop();
  });

  it('R-6.1.2 is off in unit tests unless configured, and JOBS_EXPIRY_ENABLED overrides the configuration', () => {
    const quiet = timer('unittest');
    quiet.instance.init();
    expect(jest.getTimerCount()).toBe(0);
    process.env.JOBS_EXPIRY_ENABLED = 'false';
    const off = timer('production', { enabled: true });
    off.instance.init();
    expect(jest.getTimerCount()).toBe(0);
    process.env.JOBS_EXPIRY_ENABLED = 'true';
    const on = timer('unittest');
    on.instance.init();
    expect(jest.getTimerCount()).toBe(1);
    on.instance.stop();
  });
});

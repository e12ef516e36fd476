import { HoldExpiryTimer } from '../../src/modules/booking/service/hold-expiry-timer';

/** The timer as the container assembles it, with a sweep that only counts its calls. */
function timer(environment: string, sweepConfig?: { enabled?: boolean; intervalMs?: number }) {
  const sweep = jest.fn().mockResolvedValue(0);
  const instance = new HoldExpiryTimer();
  Object.assign(instance as object, {
    config: sweepConfig ? { sweep: sweepConfig } : undefined,
    environment: { getCurrentEnvironment: () => environment },
    holds: { sweep },
    logger: { info: jest.fn(), error: jest.fn() },
  });
  return { instance, sweep };
}

describe('R-6.2.3 the hold-expiry sweeper', () => {
  const saved = { enabled: process.env.BOOKING_SWEEP_ENABLED, interval: process.env.BOOKING_SWEEP_INTERVAL_MS };
  beforeEach(() => {
    delete process.env.BOOKING_SWEEP_ENABLED;
    delete process.env.BOOKING_SWEEP_INTERVAL_MS;
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
    for (const [key, value] of [['BOOKING_SWEEP_ENABLED', saved.enabled], ['BOOKING_SWEEP_INTERVAL_MS', saved.interval]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('R-6.2.3 sweeps every 15 s by default, keeps sweeping after a failure, and stops on shutdown', async () => {
    const { instance, sweep } = timer('production');
    sweep.mockRejectedValueOnce(new Error('database gone'));
    instance.init();
    await jest.advanceTimersByTimeAsync(15_000 - 1);
    expect(sweep).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(sweep).toHaveBeenCalledTimes(1);
    expect((instance as any).logger.error).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(15_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    instance.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('R-6.2.3 BOOKING_SWEEP_INTERVAL_MS sets the interval (never under 100 ms); off in unit tests unless BOOKING_SWEEP_ENABLED says otherwise', async () => {
    const quiet = timer('unittest', { intervalMs: 5_000 });
    quiet.instance.init();
    expect(jest.getTimerCount()).toBe(0);

    process.env.BOOKING_SWEEP_ENABLED = 'true';
    process.env.BOOKING_SWEEP_INTERVAL_MS = '2000';
    const fast = timer('unittest', { intervalMs: 5_000 });
    fast.instance.init();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(fast.sweep).toHaveBeenCalledTimes(1);
    fast.instance.stop();

    process.env.BOOKING_SWEEP_INTERVAL_MS = '1';
    const floor = timer('unittest');
    floor.instance.init();
    await jest.advanceTimersByTimeAsync(99);
    expect(floor.sweep).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(floor.sweep).toHaveBeenCalledTimes(1);
    floor.instance.stop();

    process.env.BOOKING_SWEEP_ENABLED = 'false';
    delete process.env.BOOKING_SWEEP_INTERVAL_MS;
    const off = timer('production', { enabled: true });
    off.instance.init();
    expect(jest.getTimerCount()).toBe(0);
  });
});

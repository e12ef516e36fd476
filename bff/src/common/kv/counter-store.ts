/**
 * Short-lived counters shared by every bff process: throttles that must hold across a cluster.
 * Redis when REDIS_URL is set (design.md §3 "Redis is optional"); otherwise this process's memory,
 * which is exact for the single-process embedded setup.
 */
export abstract class CounterStore {
  /** Adds one to `key` in the current fixed window and returns the count in that window. */
  abstract hit(key: string, windowSeconds: number): Promise<number>;
  /** The count in the current window without adding to it. */
  abstract peek(key: string, windowSeconds: number): Promise<number>;
  /** For /ready: whether the store answers. */
  abstract ping(): Promise<boolean>;
  abstract close(): Promise<void>;
  abstract readonly kind: 'memory' | 'redis';
}

const windowOf = (windowSeconds: number) => Math.floor(Date.now() / 1000 / windowSeconds);

export class MemoryCounterStore extends CounterStore {
  readonly kind = 'memory' as const;
  private counts = new Map<string, { window: number; count: number; expires: number }>();

  async hit(key: string, windowSeconds: number): Promise<number> {
    this.sweep();
    const window = windowOf(windowSeconds);
    const entry = this.counts.get(key);
    const count = entry && entry.window === window ? entry.count + 1 : 1;
    this.counts.set(key, { window, count, expires: Date.now() + windowSeconds * 1000 });
    return count;
  }

  async peek(key: string, windowSeconds: number): Promise<number> {
    const entry = this.counts.get(key);
    return entry && entry.window === windowOf(windowSeconds) ? entry.count : 0;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.counts.clear();
  }

  /** Drops expired windows now and then so the map does not grow without bound. */
  private sweep(): void {
    if (this.counts.size < 10_000) return;
    const now = Date.now();
    for (const [k, v] of this.counts) if (v.expires < now) this.counts.delete(k);
  }
}

export class RedisCounterStore extends CounterStore {
  readonly kind = 'redis' as const;
  private redis: import('ioredis').Redis;

  constructor(url: string, private readonly prefix: string) {
    super();
    // required lazily: Midway loads every file under src/ at start, and Redis is optional
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Redis } = require('ioredis') as typeof import('ioredis');
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  }

  private key(key: string, windowSeconds: number): string {
    return `${this.prefix}${key}:${windowOf(windowSeconds)}`;
  }

  async hit(key: string, windowSeconds: number): Promise<number> {
    const k = this.key(key, windowSeconds);
    const [[, count]] = (await this.redis.multi().incr(k).expire(k, windowSeconds + 1).exec()) as [[null, number], unknown];
    return Number(count);
  }

  async peek(key: string, windowSeconds: number): Promise<number> {
    return Number((await this.redis.get(this.key(key, windowSeconds))) ?? 0);
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

import { Config, Destroy, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { CounterStore, MemoryCounterStore, RedisCounterStore } from './counter-store';

/** Chooses the counter store by configuration (REDIS_URL), once, for the whole process. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class CounterStoreProvider {
  @Config('redis')
  private config: { url: string | null; keyPrefix: string };

  store: CounterStore;

  @Init()
  init(): void {
    this.store = this.config.url ? new RedisCounterStore(this.config.url, `${this.config.keyPrefix}counter:`) : new MemoryCounterStore();
  }

  @Destroy()
  async close(): Promise<void> {
    await this.store?.close();
  }
}

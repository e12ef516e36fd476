import type { OrgEntity } from '../modules/access/entity/org.entity';
import type { cliContext } from './cli-context';

export type SeedContext = Awaited<ReturnType<typeof cliContext>>;

/**
 * Demo basedata (config/demo/basedata.json), loaded by `npm run seed` after the organisations. Idempotent:
 * what exists already is left as it is. `orgs` maps the seed's org keys (op1, op2…) to their rows.
 */
export async function seedDemoBaseData(_ctx: SeedContext, _orgs: Map<string, OrgEntity>, _created: string[]): Promise<void> {}

import type { ModelCtor } from 'sequelize-typescript';
import { LineEntity } from './line.entity';
import { RouteEntity, RouteStopEntity, ZoneEntity } from './route.entity';
import { StopEntity } from './stop.entity';
import { BasedataVersionEntity } from './version.entity';

export { BasedataVersionEntity, LineEntity, RouteEntity, RouteStopEntity, StopEntity, ZoneEntity };

/** The basedata module's Sequelize models (registered in common/db/entities.ts). */
export const BASEDATA_ENTITIES: ModelCtor[] = [StopEntity, LineEntity, RouteEntity, RouteStopEntity, ZoneEntity, BasedataVersionEntity];

import type { ModelCtor } from 'sequelize-typescript';
import { ArchiveHistoryEntity } from './archive-history.entity';
import { DriverEntity } from './driver.entity';
import { ExpiryDeliveryEntity, ExpiryWarningEntity } from './expiry-warning.entity';
import { OperatorArchiveEntity } from './operator-archive.entity';
import { PlatformProfileEntity } from './platform-profile.entity';
import { VehicleEntity } from './vehicle.entity';

export { ArchiveHistoryEntity, DriverEntity, ExpiryDeliveryEntity, ExpiryWarningEntity, OperatorArchiveEntity, PlatformProfileEntity, VehicleEntity };

/** The archive module's Sequelize models (registered in common/db/entities.ts). */
export const ARCHIVE_ENTITIES: ModelCtor[] = [
  PlatformProfileEntity,
  OperatorArchiveEntity,
  DriverEntity,
  VehicleEntity,
  ArchiveHistoryEntity,
  ExpiryWarningEntity,
  ExpiryDeliveryEntity,
];

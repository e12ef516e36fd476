import type { ModelCtor } from 'sequelize-typescript';
import { OrgEntity } from '../../modules/access/entity/org.entity';
import { RoleEntity } from '../../modules/access/entity/role.entity';
import { AdminUserEntity, AdminUserRoleEntity } from '../../modules/access/entity/admin-user.entity';
import { AuthSessionEntity, SecuritySettingEntity } from '../../modules/access/entity/auth-session.entity';
import { EndUserEntity, SmsCodeEntity, WechatIdentityEntity } from '../../modules/account/entity/end-user.entity';
import { PrivacyConsentEntity } from '../../modules/account/entity/privacy-consent.entity';
import { BASEDATA_ENTITIES } from '../../modules/basedata/entity';
import { ARCHIVE_ENTITIES } from '../../modules/archive/entity';
import { FILE_ENTITIES } from '../../modules/file/entity';
import { PASSENGER_ENTITIES } from '../../modules/passenger/entity';
import { TRIP_ENTITIES } from '../../modules/trip/entity';
import { BOOKING_ENTITIES } from '../../modules/booking/entity';
import { NOTIFICATION_ENTITIES } from '../../modules/notification/entity';
import { PAYMENT_ENTITIES } from '../../modules/payment/entity';
import { INVOICE_ENTITIES } from '../../modules/invoice/entity';
import { FEEDBACK_ENTITIES } from '../../modules/feedback/entity';
import { OutboxEventEntity } from '../outbox/outbox-event.entity';
import { AuditHeadEntity, AuditRecordEntity } from '../../modules/audit/entity/audit-record.entity';

/** Every Sequelize model; the schema itself comes from src/migrations. */
export const ENTITIES: ModelCtor[] = [
  OrgEntity,
  RoleEntity,
  AdminUserEntity,
  AdminUserRoleEntity,
  AuthSessionEntity,
  SecuritySettingEntity,
  EndUserEntity,
  WechatIdentityEntity,
  SmsCodeEntity,
  PrivacyConsentEntity,
  AuditRecordEntity,
  AuditHeadEntity,
  ...FILE_ENTITIES,
  ...BASEDATA_ENTITIES,
  ...ARCHIVE_ENTITIES,
  ...PASSENGER_ENTITIES,
  ...TRIP_ENTITIES,
  ...BOOKING_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...INVOICE_ENTITIES,
  ...FEEDBACK_ENTITIES,
  OutboxEventEntity,
];

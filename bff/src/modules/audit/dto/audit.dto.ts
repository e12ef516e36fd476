import { Rule, RuleType } from '@midwayjs/validate';

export class AuditQueryDTO {
  @Rule(RuleType.number().integer().min(1)) page?: number;
  @Rule(RuleType.number().integer().min(1).max(200)) pageSize?: number;
  @Rule(RuleType.date().iso()) from?: string;
  @Rule(RuleType.date().iso()) to?: string;
  @Rule(RuleType.string().valid('auth', 'admin_write', 'access_denied', 'security')) category?: any;
  @Rule(RuleType.string().max(64)) action?: string;
  @Rule(RuleType.string().max(64)) actorName?: string;
  @Rule(RuleType.string().valid('success', 'failure', 'denied')) result?: any;
}

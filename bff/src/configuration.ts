import { App, Configuration, Inject, type ILifeCycle } from '@midwayjs/core';
import * as koa from '@midwayjs/koa';
import * as validate from '@midwayjs/validate';
import * as swagger from '@midwayjs/swagger';
import * as crossDomain from '@midwayjs/cross-domain';
import * as busboy from '@midwayjs/busboy';
import DefaultConfig from './config/config.default';
import UnittestConfig from './config/config.unittest';
import { DatabaseService } from './common/db/database.service';
import { DefaultErrorFilter, DomainErrorFilter, HttpErrorFilter, ValidationErrorFilter } from './common/filter/error.filter';
import { EnvelopeMiddleware } from './common/middleware/envelope.middleware';
import { RequestContextMiddleware } from './common/middleware/request-context.middleware';
import { AccessGuard } from './common/security/access.guard';

@Configuration({
  imports: [koa, validate, crossDomain, busboy, { component: swagger }],
  importConfigs: [{ default: DefaultConfig, unittest: UnittestConfig }],
})
export class MainConfiguration implements ILifeCycle {
  @App('koa')
  app: koa.Application;

  @Inject()
  db: DatabaseService;

  async onReady(): Promise<void> {
    this.app.useMiddleware([RequestContextMiddleware, EnvelopeMiddleware]);
    this.app.useFilter([DomainErrorFilter, ValidationErrorFilter, HttpErrorFilter, DefaultErrorFilter]);
    this.app.useGuard(AccessGuard);
    // open the database and run migrations before the server takes requests
    await this.db.ping();
  }
}

import { Config, Inject, Middleware, type IMiddleware } from '@midwayjs/core';
import { MultipartError, MultipartFileLimitError, MultipartFileSizeLimitError, MultipartFieldsLimitError, MultipartPartsLimitError, UploadMiddleware } from '@midwayjs/busboy';
import type { Context, NextFunction } from '@midwayjs/koa';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import { AdminAuthService } from '../../access/service/admin-auth.service';
import { tooLarge, type FilesConfig } from '../service/file.service';

/** multipart framing and the small text fields around the file */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Multipart parsing for admin uploads (use instead of the bare UploadMiddleware):
 * - refuses callers without a valid admin token before a byte of the body is stored (route guards
 *   run only after route middleware);
 * - parses file names as UTF-8 (browsers send Chinese names raw; busboy's default is latin1);
 * - turns busboy's limit errors into our codes: FILE.TOO_LARGE (413) instead of a generic 400,
 *   one file per request;
 * - removes the temporary files when the request is done, whatever the outcome.
 */
@Middleware()
export class FileUploadMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject() private upload: UploadMiddleware;
  @Inject() private adminAuth: AdminAuthService;
  @Config('files') private files: FilesConfig;

  resolve(app: any) {
    const maxBytes = this.files.maxBytes;
    // +1: a file of exactly maxBytes passes; one byte more trips busboy's limit instead of being cut silently
    const parse = this.upload.resolve(app, { defParamCharset: 'utf8', limits: { fileSize: maxBytes + 1, files: 1, fields: 20, parts: 21 } } as any);
    return async (ctx: Context, next: NextFunction) => {
      const token = /^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1];
      if (!token) throw new DomainError('AUTH.UNAUTHENTICATED');
      await this.adminAuth.authenticate(token);
      if (Number(ctx.get('content-length') || 0) > maxBytes + MULTIPART_OVERHEAD) throw tooLarge(maxBytes);
      try {
        return await parse(ctx, next, undefined);
      } catch (e) {
        if (e instanceof MultipartFileSizeLimitError) throw tooLarge(maxBytes);
        if (e instanceof MultipartFileLimitError) throw new ValidationError([{ field: 'file', reason: '一次只能上传一个文件' }]);
        if (e instanceof MultipartFieldsLimitError || e instanceof MultipartPartsLimitError || e instanceof MultipartError) {
          throw new ValidationError([{ field: 'body', reason: `上传内容无法解析：${(e as Error).message}` }]);
        }
        throw e;
      } finally {
        await (ctx as any).cleanupRequestFiles?.().catch(() => undefined);
      }
    };
  }

  static getName(): string {
    return 'fileUpload';
  }
}

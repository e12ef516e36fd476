import { Config, Controller, Fields, Files, Get, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { readFile, stat } from 'fs/promises';
import type { FileView, SignedFileUrl } from '@dzky/contracts';
import { ValidationError } from '../../../../common/error/domain.error';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FileUploadMiddleware } from '../../middleware/file-upload.middleware';
import { FileService, tooLarge, type FilesConfig } from '../../service/file.service';

interface UploadedFile {
  filename: string;
  mimeType: string;
  fieldName: string;
  /** temporary file path (busboy 'file' mode) */
  data: string;
}

@ApiTags('admin · files')
@ApiBearerAuth()
@Controller('/api/admin/files')
export class FileController {
  @Inject() ctx: Context;
  @Inject() files: FileService;
  @Config('files') config: FilesConfig;

  /**
   * multipart/form-data: `file` (one JPEG, PNG, WebP or PDF, at most files.maxBytes) and optional
   * `purpose`. Answers the stored file's FileView; the id is what other records reference.
   */
  @RequirePermission('basedata:write', 'finance:write', 'system:org:write')
  @Post('/', { middleware: [FileUploadMiddleware] })
  async upload(@Files() uploaded: UploadedFile[] = [], @Fields() fields: Record<string, string> = {}): Promise<FileView> {
    const file = uploaded.find((f) => f.fieldName === 'file');
    if (!file) throw new ValidationError([{ field: 'file', reason: '请选择要上传的文件（表单字段 file）' }]);
    // busboy stops at maxBytes + 1: a file that long was cut off, never store it
    if ((await stat(file.data)).size > this.config.maxBytes) throw tooLarge(this.config.maxBytes);
    const body = await readFile(file.data);
    return this.files.upload(adminOf(this.ctx), { originalName: file.filename, body, purpose: fields.purpose || undefined }, originOf(this.ctx));
  }

  /** A short-lived download link; a file of another operator answers 404 like a missing one. */
  @RequirePermission('basedata:read', 'basedata:write', 'finance:read', 'finance:write', 'system:org:read', 'system:org:write', 'regulator:supervise')
  @Get('/:id/url')
  async url(@Param('id') id: string): Promise<SignedFileUrl> {
    return this.files.signedUrl(adminOf(this.ctx), /^\d+$/.test(id) ? Number(id) : NaN);
  }

  /** The stored description of a file (name, type, size), scope-checked like the URL. */
  @RequirePermission('basedata:read', 'basedata:write', 'finance:read', 'finance:write', 'system:org:read', 'system:org:write', 'regulator:supervise')
  @Get('/:id')
  async view(@Param('id') id: string): Promise<FileView> {
    return this.files.view(adminOf(this.ctx), /^\d+$/.test(id) ? Number(id) : NaN);
  }
}

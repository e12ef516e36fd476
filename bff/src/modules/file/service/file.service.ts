import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomUUID } from 'crypto';
import { Op, type Transaction } from 'sequelize';
import { FILE_PURPOSES, type FilePurpose, type FileView, type SignedFileUrl } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { ObjectStoragePort } from '../../integration/port/object-storage.port';
import { FileObjectEntity } from '../entity/file-object.entity';
import { sniffContentType } from './sniff';

export interface FilesConfig {
  maxBytes: number;
  urlTtlSeconds: number;
}

export interface UploadInput {
  /** the name on the uploader's disk, kept for display and the download name */
  originalName: string;
  body: Buffer;
  purpose?: string;
}

/**
 * Uploaded files (certificate scans, photos, import sheets). Bytes go to object storage, the row
 * records which org owns them: other modules reference files by id and call `assertUsable` so an
 * operator can never attach (or read) another operator's file.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FileService {
  @Config('files') private config: FilesConfig;
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;
  @Inject('objectStoragePort') private storage: ObjectStoragePort;

  /**
   * Every id exists, is not deleted and belongs to an org in the principal's subtree; otherwise
   * FILE.NOT_USABLE naming the offending ids (unknown and foreign ids are not told apart).
   */
  async assertUsable(principal: AdminPrincipal, fileIds: number[], t?: Transaction, field = 'fileIds'): Promise<void> {
    const ids = [...new Set(fileIds)];
    if (!ids.length) return;
    const bad = ids.filter((id) => !Number.isSafeInteger(id) || id <= 0);
    const valid = ids.filter((id) => !bad.includes(id));
    const rows = valid.length
      ? await FileObjectEntity.findAll({ where: { id: { [Op.in]: valid }, deletedAt: null }, attributes: ['id', 'orgId'], transaction: t })
      : [];
    const paths = await this.orgPaths(rows.map((r) => r.orgId), t);
    const usable = new Set(rows.filter((r) => inSubtree(principal, paths.get(r.orgId))).map((r) => r.id));
    const refused = ids.filter((id) => !usable.has(id));
    if (refused.length) {
      throw new DomainError('FILE.NOT_USABLE', `文件 ${refused.join(', ')} 不存在或不属于本机构`, {
        errors: [{ field, reason: `文件不存在或不属于本机构：${refused.join(', ')}` }],
        detail: { fileIds: refused },
      });
    }
  }

  /** Views of files in the order asked; ids that do not exist (or were deleted) are left out. */
  async describe(fileIds: number[]): Promise<FileView[]> {
    const ids = [...new Set(fileIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
    if (!ids.length) return [];
    const rows = await FileObjectEntity.findAll({ where: { id: { [Op.in]: ids }, deletedAt: null } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [toView(byId.get(id)!)] : []));
  }

  /** A download link valid for files.urlTtlSeconds; a file outside the principal's subtree is "not found". */
  async signedUrl(principal: AdminPrincipal, fileId: number, ttlSeconds = this.config.urlTtlSeconds): Promise<SignedFileUrl> {
    const file = await this.visible(principal, fileId);
    const url = await this.storage.signedUrl(file.storageKey, ttlSeconds, file.originalName);
    return { url, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
  }

  /** One file the principal may see, or NotFound. */
  async view(principal: AdminPrincipal, fileId: number): Promise<FileView> {
    return toView(await this.visible(principal, fileId));
  }

  /** The bytes of a visible file, for modules that process uploads server-side (spreadsheet import). */
  async read(principal: AdminPrincipal, fileId: number): Promise<{ file: FileView; body: Buffer }> {
    const file = await this.visible(principal, fileId);
    const body = await this.storage.get(file.storageKey);
    if (!body) throw new NotFoundError('文件内容');
    return { file: toView(file), body };
  }

  /**
   * Stores an upload for the principal's org. The type is judged from the bytes (magic numbers), so
   * a renamed executable is refused whatever its name says.
   */
  async upload(principal: AdminPrincipal, input: UploadInput, origin: RequestOrigin): Promise<FileView> {
    const purpose = (input.purpose ?? 'other') as FilePurpose;
    if (!FILE_PURPOSES.includes(purpose)) {
      throw new ValidationError([{ field: 'purpose', reason: `应为 ${FILE_PURPOSES.join(' / ')} 之一` }]);
    }
    if (input.body.length > this.config.maxBytes) throw tooLarge(this.config.maxBytes);
    if (input.body.length === 0) throw new ValidationError([{ field: 'file', reason: '文件为空' }]);
    const sniffed = sniffContentType(input.body);
    if (!sniffed.allowed) {
      throw new DomainError('FILE.TYPE_NOT_ALLOWED', `不支持的文件类型：${sniffed.label}（仅支持 JPEG、PNG、WebP 图片和 PDF）`, {
        errors: [{ field: 'file', reason: `检测到的类型为 ${sniffed.label}，仅支持 JPEG、PNG、WebP、PDF` }],
        detail: { detectedType: sniffed.label },
      });
    }
    const now = new Date();
    const key = `org/${principal.orgId}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${sniffed.ext}`;
    const originalName = cleanName(input.originalName, sniffed.ext);
    const sha256 = createHash('sha256').update(input.body).digest('hex');

    // store first: a row must never point at bytes that are not there; a failed insert leaves an
    // orphan object, which we remove on the spot
    await this.storage.put(key, input.body, sniffed.contentType);
    try {
      const row = await this.db.transaction(async (t) => {
        const created = await FileObjectEntity.create(
          { orgId: principal.orgId, uploaderAdminId: principal.subjectId, storageKey: key, originalName, contentType: sniffed.contentType, sizeBytes: input.body.length, sha256, purpose, deletedAt: null },
          { transaction: t },
        );
        await this.audit.record(origin, {
          category: 'admin_write', action: 'file.upload', result: 'success', targetType: 'file', targetId: created.id,
          detail: { name: originalName, contentType: sniffed.contentType, size: input.body.length, purpose, sha256 },
        }, t);
        return created;
      });
      return toView(row);
    } catch (e) {
      await this.storage.remove(key).catch(() => undefined);
      throw e;
    }
  }

  private async visible(principal: AdminPrincipal, fileId: number): Promise<FileObjectEntity> {
    const file = Number.isSafeInteger(fileId) && fileId > 0 ? await FileObjectEntity.findOne({ where: { id: fileId, deletedAt: null } }) : null;
    if (!file) throw new NotFoundError('文件');
    const paths = await this.orgPaths([file.orgId]);
    if (!inSubtree(principal, paths.get(file.orgId))) throw new NotFoundError('文件');
    return file;
  }

  private async orgPaths(orgIds: number[], t?: Transaction): Promise<Map<number, string>> {
    const ids = [...new Set(orgIds)];
    if (!ids.length) return new Map();
    const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: ids } }, attributes: ['id', 'path'], transaction: t });
    return new Map(orgs.map((o) => [o.id, o.path]));
  }
}

export function tooLarge(maxBytes: number): DomainError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new DomainError('FILE.TOO_LARGE', `文件过大，最大 ${mb} MB`, {
    errors: [{ field: 'file', reason: `文件不能超过 ${mb} MB` }],
    detail: { maxBytes },
  });
}

export function toView(row: FileObjectEntity): FileView {
  return { id: row.id, name: row.originalName, contentType: row.contentType, size: Number(row.sizeBytes), createdAt: row.createdAt.toISOString() };
}

/** A display name without path parts or control characters, at most 255 chars, never empty. */
function cleanName(name: string | undefined, ext: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const safe = base || `file.${ext}`;
  return safe.length > 255 ? safe.slice(safe.length - 255) : safe;
}

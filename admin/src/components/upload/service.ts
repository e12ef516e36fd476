import { http, upload } from '../../request';

/**
 * What the upload component needs of a stored file. The bff answers POST /api/admin/files with a
 * FileView (contracts/src/file.ts), which has at least these fields.
 */
export interface FileMeta {
  id: FileId;
  filename: string;
  contentType: string;
  size: number;
}

export type FileId = number | string;

export interface SignedUrl {
  url: string;
  expiresAt: string;
}

/** Stores one file for a purpose (vehicle licence scan, driver photo…); the server checks type and size by the bytes. */
export function uploadFile(file: File, purpose: string, onProgress?: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, file.name);
  // the component shows the refusal (type, size) on the card itself
  return upload<FileMeta>('/api/admin/files', form, { onProgress, signal, silent: true });
}

/** A short-lived signed download URL: asked for on every open, since it expires within minutes. */
export function fileUrl(id: FileId) {
  return http.get<SignedUrl>(`/api/admin/files/${encodeURIComponent(String(id))}/url`, undefined, { silent: true });
}

import type { FilePurpose, FileView, SignedFileUrl } from '@dzky/contracts';
import { http, upload } from '../../request';

/** Stores one file for a purpose (vehicle certificate, driver photo…); the server checks type and size by the bytes. */
export function uploadFile(file: File, purpose: FilePurpose, onProgress?: (percent: number) => void, signal?: AbortSignal) {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, file.name);
  // the component shows the refusal (type, size) on the card itself
  return upload<FileView>('/api/admin/files', form, { onProgress, signal, silent: true });
}

/** A short-lived signed download URL: asked for on every open, since it expires within minutes. */
export function fileUrl(id: number) {
  return http.get<SignedFileUrl>(`/api/admin/files/${id}/url`, undefined, { silent: true });
}

/** API shapes of the file module, shared by bff and the apps. */

/** What an upload is for; it decides nothing about access but helps operators find files. */
export const FILE_PURPOSES = [
  'vehicle_cert',
  'vehicle_insurance',
  'driver_photo',
  'driver_licence',
  'driver_qualification',
  'operator_licence',
  'operator_agreement',
  'invoice',
  'import',
  'other',
] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** Content types accepted for upload; decided from the file's bytes, never from its name. */
export const FILE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileContentType = (typeof FILE_CONTENT_TYPES)[number];

/** An uploaded file as the apps see it (`POST /api/admin/files` answers this). */
export interface FileView {
  id: number;
  /** the name the uploader's file had */
  name: string;
  contentType: string;
  /** bytes */
  size: number;
  createdAt: string; // ISO 8601
}

/** `GET /api/admin/files/:id/url`: a short-lived download link (files are never public). */
export interface SignedFileUrl {
  url: string;
  expiresAt: string; // ISO 8601
}

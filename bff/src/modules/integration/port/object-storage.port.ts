/**
 * Object storage for uploaded files (certificate scans, photos). Business code only ever sees keys;
 * the adapter speaks Aliyun OSS. Downloads go through short-lived signed URLs so no file is public.
 */
export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
}

export abstract class ObjectStoragePort {
  /** Stores bytes under a key; overwrites nothing the caller did not choose (keys are unique per upload). */
  abstract put(key: string, body: Buffer, contentType: string): Promise<StoredObject>;
  /** The bytes of an object, or null when the key does not exist. */
  abstract get(key: string): Promise<Buffer | null>;
  /** A GET URL valid for `expiresInSeconds`, signed with the access key (OSS query-string auth). */
  abstract signedUrl(key: string, expiresInSeconds: number, downloadName?: string): Promise<string>;
  abstract remove(key: string): Promise<void>;
}

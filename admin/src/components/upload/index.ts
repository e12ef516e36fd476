export { default as CertificateUpload, CERT_ACCEPT, type CertificateUploadProps } from './CertificateUpload';
export { fileUrl, uploadFile, type FileId, type FileMeta, type SignedUrl } from './service';

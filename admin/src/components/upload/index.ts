export { default as CertificateUpload, CERT_ACCEPT, type CertificateUploadProps } from './CertificateUpload';
export { fileUrl, uploadFile } from './service';

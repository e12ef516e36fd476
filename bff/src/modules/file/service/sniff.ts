/**
 * File type by magic number. Only what the platform needs to accept is recognised as allowed; a few
 * common others are named so the refusal can say what was actually sent ("检测到 ZIP").
 */
export interface Sniffed {
  allowed: boolean;
  contentType: string;
  ext: string;
  /** human-readable detected type, for error messages */
  label: string;
}

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, text: string, at = 0) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

export function sniffContentType(body: Buffer): Sniffed {
  if (starts(body, [0xff, 0xd8, 0xff])) return { allowed: true, contentType: 'image/jpeg', ext: 'jpg', label: 'JPEG' };
  if (starts(body, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { allowed: true, contentType: 'image/png', ext: 'png', label: 'PNG' };
  if (ascii(body, 'RIFF') && ascii(body, 'WEBP', 8)) return { allowed: true, contentType: 'image/webp', ext: 'webp', label: 'WebP' };
  // PDF readers accept a header within the first 1024 bytes; we insist on it up front like most validators
  if (ascii(body, '%PDF-')) return { allowed: true, contentType: 'application/pdf', ext: 'pdf', label: 'PDF' };

  const other = (contentType: string, label: string): Sniffed => ({ allowed: false, contentType, ext: 'bin', label });
  if (ascii(body, 'MZ')) return other('application/x-msdownload', 'Windows 可执行文件 (EXE)');
  if (starts(body, [0x7f, 0x45, 0x4c, 0x46])) return other('application/x-executable', 'ELF 可执行文件');
  if (starts(body, [0x50, 0x4b, 0x03, 0x04])) return other('application/zip', 'ZIP/Office 文档');
  if (ascii(body, 'GIF87a') || ascii(body, 'GIF89a')) return other('image/gif', 'GIF');
  if (ascii(body, 'BM')) return other('image/bmp', 'BMP');
  if (starts(body, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return other('application/x-ole-storage', '旧版 Office 文档');
  if (starts(body, [0x1f, 0x8b])) return other('application/gzip', 'GZIP');
  if (ascii(body, 'Rar!')) return other('application/vnd.rar', 'RAR');
  if (ascii(body, '<?xml') || /^\s*<(svg|!doctype|html)/i.test(body.toString('latin1', 0, 64))) return other('text/html', 'HTML/SVG/XML');
  return other('application/octet-stream', '未知类型');
}

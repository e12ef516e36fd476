/**
 * Certificate scans and photos for archive forms: uploads to /api/admin/files with a
 * purpose, shows progress, then a card with a thumbnail; a click opens the file through a fresh
 * signed URL (they expire within minutes, so none is kept). The form value is the file id, or a
 * list of ids with `multiple`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Image, Progress, Space, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, EyeOutlined, FilePdfOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FilePurpose, FileView } from '@dzky/contracts';
import { isApiError } from '../../request';
import { formatBytes } from '../../utils/time';
import { fileUrl, uploadFile } from './service';

export const CERT_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
const DEFAULT_MAX_MB = 10;

type Value = number | number[] | null | undefined;
/** What a card shows of its file: known from the archive's view, or from the file being sent. */
type FileMeta = Pick<FileView, 'name' | 'contentType' | 'size'>;

export interface CertificateUploadProps {
  /** file id, or ids with `multiple` (antd Form value) */
  value?: Value;
  onChange?: (value: number | number[] | null) => void;
  /** what the file is for; the server files it under this */
  purpose: FilePurpose;
  multiple?: boolean;
  /** with `multiple`; default 5 */
  maxCount?: number;
  /** what is known about the files of the current value (name, type) — from the archive's view */
  files?: readonly FileView[] | null;
  /** the document's name (道路运输证…): names the button and the cards for screen readers */
  label?: string;
  accept?: string;
  /** a hint for the user and an early refusal; the server decides by the bytes */
  maxSizeMb?: number;
  disabled?: boolean;
  'data-testid'?: string;
  id?: string;
}

interface Item {
  key: string;
  id?: number;
  meta?: FileMeta;
  status: 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
  /** an object URL of the picked image, for its thumbnail without a round trip */
  localUrl?: string;
  /** learnt when the thumbnail loads (files without known type) */
  isImage?: boolean;
}

function idsOf(value: Value): number[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function kindOf(item: Item): 'image' | 'pdf' | 'unknown' {
  const type = item.meta?.contentType;
  if (type?.startsWith('image/') || item.isImage) return 'image';
  if (type === 'application/pdf') return 'pdf';
  const name = item.meta?.name.toLowerCase() ?? ''; 
  if (/\.(jpe?g|png|webp)$/.test(name)) return 'image';
  if (name.endsWith('.pdf')) return 'pdf';
  return 'unknown';
}

let seq = 0;

export default function CertificateUpload(props: CertificateUploadProps) {
  const { value, onChange, purpose, multiple = false, files, label, accept = CERT_ACCEPT, maxSizeMb = DEFAULT_MAX_MB, disabled } = props;
  const maxCount = multiple ? (props.maxCount ?? 5) : 1;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Item[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const aborts = useRef(new Map<string, AbortController>());
  const valueRef = useRef(value);
  valueRef.current = value;

  // the value may change from outside (form reset, record loaded): show exactly its files
  useEffect(() => {
    const ids = idsOf(value);
    setItems((prev) => {
      const done = ids.map((id): Item => {
        const known = prev.find((i) => i.status === 'done' && i.id === id);
        const meta = files?.find((f) => f.id === id);
        return known ? { ...known, meta: known.meta ?? meta } : { key: `f-${id}`, id, meta, status: 'done', percent: 100 };
      });
      return [...done, ...prev.filter((i) => i.status !== 'done')];
    });
  }, [value, files]);

  useEffect(() => {
    const pending = aborts.current;
    return () => pending.forEach((c) => c.abort());
  }, []);

  const emit = useCallback(
    (ids: number[]) => onChange?.(multiple ? ids : (ids[0] ?? null)),
    [onChange, multiple],
  );

  const patch = (key: string, change: Partial<Item>) => setItems((prev) => prev.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = async (file: File) => {
    const key = `u-${++seq}`;
    const localUrl = file.type.startsWith('image/') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined;
    const control = new AbortController();
    aborts.current.set(key, control);
    setItems((prev) => [
      // earlier failures are cleared; a single slot keeps its current file until the new one is stored
      ...prev.filter((i) => i.status !== 'error'),
      { key, status: 'uploading', percent: 0, localUrl, meta: { name: file.name, contentType: file.type, size: file.size } },
    ]);
    try {
      const stored = await uploadFile(file, purpose, (percent) => patch(key, { percent }), control.signal);
      patch(key, { status: 'done', percent: 100, id: stored.id, meta: stored });
      const current = idsOf(valueRef.current);
      emit(multiple ? [...current, stored.id] : [stored.id]);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      patch(key, { status: 'error', error: isApiError(e) ? e.errorMessage : t('archive.upload.failed') });
    } finally {
      aborts.current.delete(key);
    }
  };

  const remove = (item: Item) => {
    aborts.current.get(item.key)?.abort();
    setItems((prev) => prev.filter((i) => i.key !== item.key));
    if (item.localUrl) URL.revokeObjectURL(item.localUrl);
    if (item.status === 'done') emit(idsOf(valueRef.current).filter((id) => id !== item.id));
  };

  const open = async (item: Item) => {
    if (item.id === undefined) return;
    const kind = kindOf(item);
    // a tab opened after an await is blocked as a pop-up: open it now, point it at the file later
    const tab = kind === 'image' ? null : window.open('about:blank', '_blank');
    if (tab) tab.opener = null;
    setOpening(item.key);
    try {
      const { url } = await fileUrl(item.id);
      if (kind === 'image') setPreview(url);
      else if (tab) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    } catch (e) {
      tab?.close();
      message.error(isApiError(e) ? e.errorMessage : t('archive.upload.openFailed'));
    } finally {
      setOpening(null);
    }
  };

  const slotsLeft = maxCount - items.filter((i) => i.status !== 'error').length;
  const name = label ?? t('archive.upload.file');

  return (
    <div className="dzky-cert-upload" data-testid={props['data-testid'] ?? `upload-${purpose}`} id={props.id}>
      <Space wrap size={[12, 12]} align="start">
        {items.map((item) => (
          <FileCard
            key={item.key}
            item={item}
            label={name}
            disabled={disabled}
            opening={opening === item.key}
            onOpen={() => void open(item)}
            onRemove={() => remove(item)}
            onImageLoaded={() => patch(item.key, { isImage: true })}
          />
        ))}
        {!disabled && (slotsLeft > 0 || !multiple) && (
          <Upload
            accept={accept}
            multiple={multiple}
            showUploadList={false}
            disabled={disabled}
            beforeUpload={(file) => {
              if (file.size > maxSizeMb * 1024 * 1024) {
                message.error(t('archive.upload.tooLarge', { name: file.name, max: maxSizeMb }));
              } else {
                void start(file);
              }
              // the component sends the file itself (progress, token refresh): antd's own request stays off
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} aria-label={t('archive.upload.button', { name })} data-testid="upload-trigger" className="dzky-cert-upload__trigger">
              {items.some((i) => i.status === 'done') && !multiple ? t('archive.upload.replace') : t('archive.upload.choose')}
            </Button>
          </Upload>
        )}
      </Space>
      {!disabled && (
        <Typography.Text type="secondary" className="dzky-cert-upload__hint" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
          {t('archive.upload.hint', { max: maxSizeMb })}
        </Typography.Text>
      )}
      {disabled && items.length === 0 && <Typography.Text type="secondary">{t('archive.upload.none')}</Typography.Text>}
      <Image
        style={{ display: 'none' }}
        alt={name}
        src={preview ?? undefined}
        preview={{ visible: preview !== null, src: preview ?? undefined, onVisibleChange: (v) => !v && setPreview(null), destroyOnHidden: true }}
      />
    </div>
  );
}

interface CardProps {
  item: Item;
  label: string;
  disabled?: boolean;
  opening: boolean;
  onOpen(): void;
  onRemove(): void;
  onImageLoaded(): void;
}

function FileCard({ item, label, disabled, opening, onOpen, onRemove, onImageLoaded }: CardProps) {
  const { t } = useTranslation();
  const filename = item.meta?.name || label;
  const done = item.status === 'done';
  return (
    <div
      className={`dzky-file-card dzky-file-card--${item.status}`}
      role="group"
      aria-label={filename}
      data-testid="upload-item"
      data-status={item.status}
      data-file-id={item.id}
      style={{
        width: 168,
        border: `1px solid ${item.status === 'error' ? '#ff4d4f' : '#d9d9d9'}`,
        borderRadius: 8,
        padding: 8,
        background: '#fff',
      }}
    >
      <button
        type="button"
        onClick={onOpen}
        disabled={!done}
        aria-label={t('archive.upload.preview', { name: filename })}
        data-testid="upload-preview"
        style={{ all: 'unset', cursor: done ? 'pointer' : 'default', display: 'block', width: '100%' }}
      >
        <div style={{ height: 96, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa', borderRadius: 4, overflow: 'hidden', position: 'relative' }}>
          <Thumb item={item} onImageLoaded={onImageLoaded} />
          {done && (
            <span style={{ position: 'absolute', right: 4, bottom: 4, color: '#1677ff' }}>
              {opening ? <LoadingOutlined /> : <EyeOutlined />}
            </span>
          )}
        </div>
      </button>
      <Tooltip title={filename}>
        <Typography.Text ellipsis style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {filename}
        </Typography.Text>
      </Tooltip>
      {item.status === 'uploading' && <Progress percent={item.percent} size="small" aria-label={t('archive.upload.progress', { name: filename })} />}
      {item.status === 'error' && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
          <WarningOutlined /> {item.error}
        </Typography.Text>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.meta?.size ? formatBytes(item.meta.size) : ''}
        </Typography.Text>
        {!disabled && (
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t('archive.upload.remove', { name: filename })}
            data-testid="upload-remove"
          />
        )}
      </div>
    </div>
  );
}

/**
 * Images get a thumbnail: the picked file's own bytes while uploading, otherwise through a signed
 * URL fetched once for display (the preview asks for a fresh one). PDFs show an icon.
 */
function Thumb({ item, onImageLoaded }: { item: Item; onImageLoaded(): void }) {
  const kind = kindOf(item);
  const [src, setSrc] = useState<string | null>(item.localUrl ?? null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    if (item.localUrl || item.status !== 'done' || item.id === undefined || kind === 'pdf') return;
    let live = true;
    fileUrl(item.id).then(
      (r) => live && setSrc(r.url),
      () => live && setBroken(true),
    );
    return () => {
      live = false;
    };
  }, [item.id, item.localUrl, item.status, kind]);

  if (kind === 'pdf') return <FilePdfOutlined style={{ fontSize: 40, color: '#ff4d4f' }} />;
  if (src && !broken) {
    return (
      <img
        src={src}
        alt=""
        style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }}
        onLoad={() => kind === 'unknown' && onImageLoaded()}
        onError={() => setBroken(true)}
      />
    );
  }
  return item.status === 'uploading' ? <LoadingOutlined style={{ fontSize: 28 }} /> : <PaperClipOutlined style={{ fontSize: 32, color: '#8c8c8c' }} />;
}

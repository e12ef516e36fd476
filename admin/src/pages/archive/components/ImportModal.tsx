import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@dzky/contracts';
import { download, isApiError, upload } from '../../../request';
import type { ImportResult } from '../types';

interface Props {
  open: boolean;
  title: string;
  /** e.g. /api/admin/vehicles: POST {base}/import, GET {base}/import-template */
  base: string;
  templateName: string;
  /** column labels for the error table */
  fieldLabel?: (field: string) => string;
  onClose(): void;
  onImported(result: ImportResult): void;
}

export interface RowError {
  key: number;
  row: number | null;
  field: string;
  reason: string;
}

/** The bff names a bad cell "3.plateNo", "rows[3].plateNo" or "row 3"; the row number is the first integer. */
export function rowErrorsOf(errors: FieldError[]): RowError[] {
  return errors.map((e, i) => {
    const m = /(\d+)/.exec(e.field);
    const row = m ? Number(m[1]) : null;
    const field = m ? e.field.slice(m.index + m[1].length).replace(/^[\]\s.:]+/, '') : e.field;
    return { key: i, row, field, reason: e.reason };
  });
}

/** 批量导入: all or nothing; a rejected file lists every bad row so it can be fixed in one go. */
export default function ImportModal({ open, title, base, templateName, fieldLabel = (f) => f, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState<{ message: string; rows: RowError[] } | null>(null);

  const send = async (file: File) => {
    setBusy(true);
    setRejected(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const result = await upload<ImportResult>(`${base}/import`, form, { silent: true });
      onImported(result);
    } catch (e) {
      setRejected({ message: isApiError(e) ? e.errorMessage : t('archive.upload.failed'), rows: isApiError(e) ? rowErrorsOf(e.errors) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.cancel')}</Button>}
      width={720}
      destroyOnHidden
      afterClose={() => setRejected(null)}
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Alert type="info" showIcon message={t('archive.common.importHint')} />
        <Button icon={<DownloadOutlined />} onClick={() => void download(`${base}/import-template`, { fallbackName: templateName }).catch(() => undefined)}>
          {t('archive.common.template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-input"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('common.loading') : t('archive.common.importChoose')}</p>
        </Upload.Dragger>
        {rejected && (
          <>
            <Alert type="error" showIcon message={rejected.message} description={rejected.rows.length ? t('archive.common.importRejected') : undefined} />
            {rejected.rows.length > 0 && (
              <Table<RowError>
                size="small"
                rowKey="key"
                data-testid="import-errors"
                dataSource={rejected.rows}
                pagination={rejected.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: t('archive.common.importRow'), dataIndex: 'row', width: 80, render: (r: number | null) => r ?? '-' },
                  { title: t('archive.common.importField'), dataIndex: 'field', width: 160, render: (f: string) => (f ? fieldLabel(f) : '-') },
                  { title: t('archive.common.importReason'), dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{r}</Typography.Text> },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

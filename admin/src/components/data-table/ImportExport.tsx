import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../request';
import { badRowCount, importProblems, type ImportProblem } from './import-errors';
import type { ImportCounts, SpreadsheetCalls } from './spreadsheet';

const MAX_BYTES = 10 * 1024 * 1024;

type Outcome =
  | { kind: 'done'; result: ImportCounts }
  | { kind: 'rows'; problems: ImportProblem[]; message: string }
  | { kind: 'error'; message: string };

export interface ImportModalProps {
  open: boolean;
  onClose(): void;
  /** what is imported, for the title: 站点 / 车辆 */
  entity: string;
  /** file name stem of the template when the bff names none */
  fileStem: string;
  calls: Pick<SpreadsheetCalls, 'template' | 'importFile'>;
  /** the rules above the drop zone; a generic all-or-nothing text by default */
  hint?: ReactNode;
  /** the error table's column label for a field name the bff sent ("plateNo" → 车牌号) */
  columnLabel?: (column: string) => string;
  /** after an accepted file: reload the list. The dialog stays open with the counts. */
  onImported(result: ImportCounts): void;
}

/** 导入 dialog: all or nothing; a rejected file (IMPORT.INVALID_ROWS) lists every bad cell so it is fixed in one go. */
export function ImportModal({ open, onClose, entity, fileStem, calls, hint, columnLabel = (c) => c, onImported }: ImportModalProps) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fileName, setFileName] = useState('');
  const [fetchingTemplate, setFetchingTemplate] = useState(false);

  const template = async () => {
    setFetchingTemplate(true);
    try {
      await calls.template(`${fileStem}-${t('dataTable.templateSuffix')}.xlsx`);
    } catch {
      // reported by the request wrapper
    } finally {
      setFetchingTemplate(false);
    }
  };

  const send = async (file: File) => {
    setFileName(file.name);
    setOutcome(null);
    if (!/\.xlsx$/i.test(file.name)) return setOutcome({ kind: 'error', message: t('dataTable.onlyXlsx') });
    if (file.size > MAX_BYTES) return setOutcome({ kind: 'error', message: t('dataTable.tooLarge') });
    setProgress(0);
    try {
      const result = await calls.importFile(file, setProgress);
      setOutcome({ kind: 'done', result });
      onImported(result);
    } catch (e) {
      if (isApiError(e) && e.errorCode === 'IMPORT.INVALID_ROWS')
        setOutcome({ kind: 'rows', problems: importProblems(e.errors), message: e.errorMessage });
      else setOutcome({ kind: 'error', message: isApiError(e) ? e.errorMessage : t('dataTable.failed') });
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  const close = () => {
    if (!busy) onClose();
  };

  return (
    <Modal
      open={open}
      title={t('dataTable.importTitle', { entity })}
      onCancel={close}
      afterClose={() => setOutcome(null)}
      footer={
        <Space>
          <Button icon={<FileExcelOutlined />} loading={fetchingTemplate} onClick={() => void template()}>
            {t('dataTable.template')}
          </Button>
          <Button type="primary" onClick={close} disabled={busy}>
            {t('dataTable.close')}
          </Button>
        </Space>
      }
      width={720}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">{hint ?? t('dataTable.rules')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('dataTable.drop')}</p>
        <p className="ant-upload-hint">{t('dataTable.dropHint')}</p>
      </Upload.Dragger>
      {busy && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('dataTable.uploading', { name: fileName })}</Typography.Text>
          <Progress percent={progress} status="active" />
        </div>
      )}
      {outcome?.kind === 'done' && (
        <Result
          status="success"
          title={t('dataTable.doneTitle')}
          subTitle={t('dataTable.imported', { created: outcome.result.created, updated: outcome.result.updated ?? 0 })}
          style={{ padding: '24px 0 0' }}
        />
      )}
      {outcome?.kind === 'error' && (
        <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('dataTable.failed')} description={outcome.message} />
      )}
      {outcome?.kind === 'rows' && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            message={outcome.message}
            description={t('dataTable.rowsRejected', { rows: badRowCount(outcome.problems), problems: outcome.problems.length })}
            style={{ marginBottom: 12 }}
          />
          <Table<ImportProblem>
            size="small"
            rowKey="key"
            dataSource={outcome.problems}
            pagination={outcome.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
            aria-label={t('dataTable.problemTable')}
            columns={[
              { title: t('dataTable.row'), dataIndex: 'row', width: 80, render: (v: number | null) => v ?? '—' },
              { title: t('dataTable.column'), dataIndex: 'column', width: 160, render: (c: string) => (c ? columnLabel(c) : '—') },
              { title: t('dataTable.reason'), dataIndex: 'reason' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}

export interface ImportExportProps extends Omit<ImportModalProps, 'open' | 'onClose' | 'calls'> {
  calls: SpreadsheetCalls;
  /** the list's current filters, for the export */
  filters?: object;
  /** shows 导入 (and so the template); 导出 is for everyone who sees the list */
  canWrite: boolean;
}

/** 导入 / 导出 buttons for a list card's toolbar, with the import dialog (template download inside). */
export default function ImportExport({ calls, filters, canWrite, ...modal }: ImportExportProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const exportFile = async () => {
    setExporting(true);
    try {
      await calls.exportFile(filters, `${modal.fileStem}.xlsx`);
    } catch {
      // reported by the request wrapper
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      {canWrite && (
        <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
          {t('dataTable.import')}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportFile()}>
        {t('dataTable.export')}
      </Button>
      {canWrite && <ImportModal open={open} onClose={() => setOpen(false)} calls={calls} {...modal} />}
    </>
  );
}

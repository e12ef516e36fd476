import { useState } from 'react';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '@dzky/contracts';
import { isApiError } from '../../../request';
import { badRowCount, importProblems, type ImportProblem } from './import-errors';

interface Props {
  /** what is imported, for titles and file names: 站点 / 班线 */
  entity: string;
  /** file name stem for exports and the template */
  fileStem: string;
  canWrite: boolean;
  exportFile(fallbackName: string): Promise<unknown>;
  template(fallbackName: string): Promise<unknown>;
  importFile(file: File, onProgress: (percent: number) => void): Promise<ImportResult>;
  onImported(): void;
}

type Outcome =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'rows'; problems: ImportProblem[]; message: string }
  | { kind: 'error'; message: string };

const MAX_BYTES = 10 * 1024 * 1024;

/** 导入 / 导出 / 下载模板 for a base-data list. Imports are all or nothing: a rejected file lists every bad cell. */
export default function ImportExport({
  entity,
  fileStem,
  canWrite,
  exportFile,
  template,
  importFile,
  onImported,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'export' | 'template' | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fileName, setFileName] = useState<string>('');

  const run = async (kind: 'export' | 'template') => {
    setBusy(kind);
    try {
      if (kind === 'export') await exportFile(`${fileStem}.xlsx`);
      else await template(`${fileStem}-${t('basedata.io.templateSuffix')}.xlsx`);
    } catch {
      // reported by the request wrapper
    } finally {
      setBusy(null);
    }
  };

  const send = async (file: File) => {
    setFileName(file.name);
    setOutcome(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setOutcome({ kind: 'error', message: t('basedata.io.onlyXlsx') });
      return;
    }
    if (file.size > MAX_BYTES) {
      setOutcome({ kind: 'error', message: t('basedata.io.tooLarge') });
      return;
    }
    setProgress(0);
    try {
      const result = await importFile(file, setProgress);
      setOutcome({ kind: 'done', result });
      message.success(
        t('basedata.io.imported', {
          created: result.created,
          updated: result.updated,
        }),
      );
      onImported();
    } catch (e) {
      if (isApiError(e) && e.errorCode === 'IMPORT.INVALID_ROWS') {
        setOutcome({
          kind: 'rows',
          problems: importProblems(e.errors),
          message: e.errorMessage,
        });
      } else {
        setOutcome({
          kind: 'error',
          message: isApiError(e) ? e.errorMessage : String(e),
        });
      }
    } finally {
      setProgress(null);
    }
  };

  const close = () => {
    if (progress !== null) return;
    setOpen(false);
    setOutcome(null);
  };

  return (
    <>
      <Space wrap>
        {canWrite && (
          <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
            {t('basedata.io.import')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void run('export')}>
          {t('basedata.io.export')}
        </Button>
        {canWrite && (
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'template'}
            onClick={() => void run('template')}
          >
            {t('basedata.io.template')}
          </Button>
        )}
      </Space>
      <Modal
        open={open}
        title={t('basedata.io.importTitle', { entity })}
        onCancel={close}
        footer={
          <Space>
            <Button
              icon={<FileExcelOutlined />}
              loading={busy === 'template'}
              onClick={() => void run('template')}
            >
              {t('basedata.io.template')}
            </Button>
            <Button type="primary" onClick={close} disabled={progress !== null}>
              {t('basedata.io.close')}
            </Button>
          </Space>
        }
        width={720}
        destroyOnHidden
        maskClosable={false}
      >
        <Typography.Paragraph type="secondary">{t('basedata.io.rules')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={progress !== null}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('basedata.io.drop')}</p>
          <p className="ant-upload-hint">{t('basedata.io.dropHint')}</p>
        </Upload.Dragger>
        {progress !== null && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text>{t('basedata.io.uploading', { name: fileName })}</Typography.Text>
            <Progress percent={progress} status="active" />
          </div>
        )}
        {outcome?.kind === 'done' && (
          <Result
            status="success"
            title={t('basedata.io.doneTitle')}
            subTitle={t('basedata.io.imported', {
              created: outcome.result.created,
              updated: outcome.result.updated,
            })}
            style={{ padding: '24px 0 0' }}
          />
        )}
        {outcome?.kind === 'error' && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            message={t('basedata.io.failed')}
            description={outcome.message}
          />
        )}
        {outcome?.kind === 'rows' && (
          <div style={{ marginTop: 16 }}>
            <Alert
              type="error"
              showIcon
              message={outcome.message}
              description={t('basedata.io.rowsRejected', {
                rows: badRowCount(outcome.problems),
                problems: outcome.problems.length,
              })}
              style={{ marginBottom: 12 }}
            />
            <Table<ImportProblem>
              size="small"
              rowKey="key"
              dataSource={outcome.problems}
              pagination={outcome.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
              aria-label={t('basedata.io.problemTable')}
              columns={[
                {
                  title: t('basedata.io.row'),
                  dataIndex: 'row',
                  width: 80,
                  render: (v: number | null) => v ?? '—',
                },
                {
                  title: t('basedata.io.column'),
                  dataIndex: 'column',
                  width: 160,
                },
                { title: t('basedata.io.reason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}

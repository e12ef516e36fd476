import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { ApiError } from '../../../request';
import ImportExport from './ImportExport';

function renderIO(
  importFile: (f: File, p: (n: number) => void) => Promise<{ created: number; updated: number }>,
) {
  const onImported = vi.fn();
  const exportFile = vi.fn(async () => undefined);
  const template = vi.fn(async () => undefined);
  render(
    <ConfigProvider locale={zhCN}>
      <AntdApp>
        <ImportExport
          entity="站点"
          fileStem="站点"
          canWrite
          exportFile={exportFile}
          template={template}
          importFile={importFile}
          onImported={onImported}
        />
      </AntdApp>
    </ConfigProvider>,
  );
  return { onImported, exportFile, template };
}

const xlsx = (name = '站点.xlsx') =>
  new File(['PK'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

async function upload(file: File) {
  fireEvent.click(screen.getByRole('button', { name: /导\s*入/ }));
  const dialog = await screen.findByRole('dialog');
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [file] } });
  return dialog;
}

describe('R-6.1.1 spreadsheet import of base data', { timeout: 30_000 }, () => {
  it('a rejected file lists every bad row and cell, and nothing is reported as imported', async () => {
    const importFile = vi.fn(async () => {
      throw new ApiError({
        status: 422,
        errorCode: 'IMPORT.INVALID_ROWS',
        errorMessage: '有 2 行数据有误，未导入任何数据',
        errors: [
          { field: '第4行·经度', reason: '坐标 (200, 22.5) 不在中国境内', row: 4, column: '经度' } as never,
          { field: '第2行·编码', reason: '必填', row: 2, column: '编码' } as never,
        ],
      });
    });
    const { onImported } = renderIO(importFile);
    const dialog = await upload(xlsx());
    expect(await within(dialog).findByText('有 2 行数据有误，未导入任何数据')).toBeInTheDocument();
    const table = within(dialog).getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['2编码必填', '4经度坐标 (200, 22.5) 不在中国境内']);
    expect(onImported).not.toHaveBeenCalled();
  });

  it('an accepted file shows the created and updated counts and refreshes the list', async () => {
    const { onImported } = renderIO(async () => ({ created: 12, updated: 3 }));
    const dialog = await upload(xlsx());
    expect(await within(dialog).findByText('新建 12 条，更新 3 条')).toBeInTheDocument();
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1));
  });

  it('only .xlsx files are sent', async () => {
    const importFile = vi.fn(async () => ({ created: 0, updated: 0 }));
    renderIO(importFile);
    const dialog = await upload(xlsx('站点.csv'));
    expect(await within(dialog).findByText('请上传 .xlsx 格式的 Excel 文件')).toBeInTheDocument();
    expect(importFile).not.toHaveBeenCalled();
  });
});

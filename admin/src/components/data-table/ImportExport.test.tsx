import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { ApiError } from '../../request';
import { DetachedStyles } from '../../test/detached-styles';
import ImportExport, { ImportModal } from './ImportExport';

function renderIO(
  importFile: (f: File, p: (n: number) => void) => Promise<{ created: number; updated: number }>,
) {
  const onImported = vi.fn();
  const exportFile = vi.fn(async () => undefined);
  const template = vi.fn(async () => undefined);
  const calls = { exportFile, template, importFile };
  render(
    <DetachedStyles>
      <ConfigProvider locale={zhCN}>
        <AntdApp>
          <ImportExport
            entity="站点"
            fileStem="站点"
            canWrite
            calls={calls}
            filters={{ keyword: '福田', page: 3, pageSize: 20 }}
            onImported={onImported}
          />
        </AntdApp>
      </ConfigProvider>
    </DetachedStyles>,
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

  it('导出 sends the list filters; the template is fetched from inside the dialog', async () => {
    const { exportFile, template } = renderIO(async () => ({ created: 0, updated: 0 }));
    fireEvent.click(screen.getByRole('button', { name: /导\s*出/ }));
    expect(exportFile).toHaveBeenCalledWith({ keyword: '福田', page: 3, pageSize: 20 }, '站点.xlsx');
    fireEvent.click(screen.getByRole('button', { name: /导\s*入/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /下载模板/ }));
    expect(template).toHaveBeenCalledWith('站点-导入模板.xlsx');
  });

  it('a failure that is not about rows is shown with its message; field names get their labels', async () => {
    const importFile = vi
      .fn()
      .mockRejectedValueOnce(new ApiError({ status: 413, errorCode: 'FILE.TOO_LARGE', errorMessage: '文件过大' }))
      .mockRejectedValueOnce(
        new ApiError({
          status: 422,
          errorCode: 'IMPORT.INVALID_ROWS',
          errorMessage: '有 1 行数据有误',
          errors: [{ field: '3.plateNo', reason: '车牌号格式不正确' }],
        }),
      );
    render(
      <AntdApp>
        <DetachedStyles>
          <ImportModal
          open
          onClose={() => undefined}
          entity="车辆"
          fileStem="vehicles"
          calls={{ template: vi.fn(), importFile }}
          columnLabel={(c) => ({ plateNo: '车牌号' })[c] ?? c}
          onImported={vi.fn()}
          />
        </DetachedStyles>
      </AntdApp>,
    );
    const dialog = await screen.findByRole('dialog');
    const input = () => dialog.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input(), { target: { files: [xlsx('vehicles.xlsx')] } });
    expect(await within(dialog).findByText('文件过大')).toBeInTheDocument();
    fireEvent.change(input(), { target: { files: [xlsx('vehicles.xlsx')] } });
    const table = await within(dialog).findByRole('table');
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['3车牌号车牌号格式不正确']);
  });

  it('without write permission only 导出 is offered', () => {
    render(
      <AntdApp>
        <ImportExport entity="站点" fileStem="站点" canWrite={false} calls={{ exportFile: vi.fn(), template: vi.fn(), importFile: vi.fn() }} onImported={vi.fn()} />
      </AntdApp>,
    );
    expect(screen.getByRole('button', { name: /导\s*出/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /导\s*入/ })).toBeNull();
  });
});

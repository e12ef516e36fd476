/**
 * The certificate upload as an antd Form field, with the file API mocked: what value the form gets,
 * how refusals show, and that every open asks for a fresh signed URL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntdApp, Button, ConfigProvider, Form } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { ApiError } from '../../request';
import { DetachedStyles } from '../../test/detached-styles';
import CertificateUpload from './CertificateUpload';
import type { FileView } from '@dzky/contracts';

const api = vi.hoisted(() => ({ uploadFile: vi.fn(), fileUrl: vi.fn() }));
vi.mock('./service', () => api);

const png = (name = 'cert.png', size = 2048) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const pdf = (name = 'policy.pdf') => new File([new Uint8Array(512)], name, { type: 'application/pdf' });
const stored = (over: Partial<FileView>): FileView => ({ id: 41, name: 'cert.png', contentType: 'image/png', size: 2048, createdAt: '2026-01-01T00:00:00Z', ...over });

function Harness(props: { initial?: unknown; multiple?: boolean; files?: FileView[]; onValues?: (v: unknown) => void }) {
  const [form] = Form.useForm();
  return (
    <DetachedStyles>
      <ConfigProvider locale={zhCN}>
        <AntdApp>
          <Form form={form} initialValues={{ cert: props.initial }} onFinish={(v) => props.onValues?.(v)}>
            <Form.Item name="cert" label="道路运输证">
              <CertificateUpload purpose="vehicle_cert" label="道路运输证" multiple={props.multiple} files={props.files} />
            </Form.Item>
            <Button htmlType="submit">Submit</Button>
          </Form>
        </AntdApp>
      </ConfigProvider>
    </DetachedStyles>
  );
}

const input = () => screen.getByTestId('upload-vehicle_cert').querySelector('input[type=file]') as HTMLInputElement;
const pick = (file: File) => fireEvent.change(input(), { target: { files: [file] } });
async function submitted(onValues: ReturnType<typeof vi.fn>) {
  fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
  await waitFor(() => expect(onValues).toHaveBeenCalled());
  return onValues.mock.calls.at(-1)![0] as { cert: unknown };
}

describe('CertificateUpload', () => {
  beforeEach(() => {
    api.uploadFile.mockReset();
    api.fileUrl.mockReset();
    vi.stubGlobal('open', vi.fn());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.2 uploads the picked file with its purpose, shows progress, and gives the form the stored file id', async () => {
    let finish!: (f: FileView) => void;
    api.uploadFile.mockImplementation((_file: File, _purpose: string, onProgress: (p: number) => void) => {
      onProgress(40);
      return new Promise<FileView>((resolve) => (finish = resolve));
    });
    const onValues = vi.fn();
    render(<Harness onValues={onValues} />);
    pick(png());

    await waitFor(() => expect(api.uploadFile).toHaveBeenCalledTimes(1));
    const [file, purpose] = api.uploadFile.mock.calls[0];
    expect((file as File).name).toBe('cert.png');
    expect(purpose).toBe('vehicle_cert');
    const card = await screen.findByRole('group', { name: 'cert.png' });
    expect(card).toHaveAttribute('data-status', 'uploading');
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '40');

    await act(async () => finish(stored({ id: 41 })));
    await waitFor(() => expect(card).toHaveAttribute('data-status', 'done'));
    expect(card).toHaveAttribute('data-file-id', '41');
    expect((await submitted(onValues)).cert).toBe(41);
  });

  it("R-6.1.2 a refused file shows the server's reason on its card and leaves the value as it was", async () => {
    api.uploadFile.mockRejectedValue(new ApiError({ status: 415, errorCode: 'FILE.TYPE_NOT_ALLOWED', errorMessage: '不支持的文件类型' }));
    const onValues = vi.fn();
    render(<Harness initial={7} files={[stored({ id: 7, name: 'old.pdf', contentType: 'application/pdf' })]} onValues={onValues} />);
    pick(png('fake.png'));

    expect(await screen.findByRole('alert')).toHaveTextContent('不支持的文件类型');
    expect(screen.getByRole('group', { name: 'fake.png' })).toHaveAttribute('data-status', 'error');
    expect((await submitted(onValues)).cert).toBe(7);
  });

  it('R-6.1.2 files over the size limit are refused before anything is sent', async () => {
    render(<Harness />);
    pick(png('huge.png', 11 * 1024 * 1024));
    expect(await screen.findByText(/huge\.png 超过 10 MB/)).toBeInTheDocument();
    expect(api.uploadFile).not.toHaveBeenCalled();
  });

  it('R-6.1.2 an image opens in the preview with a fresh signed URL on every open', async () => {
    api.fileUrl
      .mockResolvedValueOnce({ url: 'http://oss.local/thumb?sig=0', expiresAt: '2026-01-01T00:05:00Z' })
      .mockResolvedValueOnce({ url: 'http://oss.local/a?sig=1', expiresAt: '2026-01-01T00:05:00Z' })
      .mockResolvedValueOnce({ url: 'http://oss.local/a?sig=2', expiresAt: '2026-01-01T00:10:00Z' });
    render(<Harness initial={41} files={[stored({ id: 41 })]} />);
    // the thumbnail asks once
    await waitFor(() => expect(api.fileUrl).toHaveBeenCalledTimes(1));

    fireEvent.click(screen.getByRole('button', { name: '查看cert.png' }));
    await waitFor(() => expect(document.querySelector('.ant-image-preview-img')).toHaveAttribute('src', 'http://oss.local/a?sig=1'));
    expect(api.fileUrl).toHaveBeenLastCalledWith(41);

    // closed and opened again: the first URL may have expired, so a new one is fetched
    fireEvent.keyDown(document.querySelector('.ant-image-preview-wrap') ?? document.body, { key: 'Escape', keyCode: 27 });
    await waitFor(() => expect(document.querySelector('.ant-image-preview-img')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '查看cert.png' }));
    await waitFor(() => expect(document.querySelector('.ant-image-preview-img')).toHaveAttribute('src', 'http://oss.local/a?sig=2'));
    expect(api.fileUrl).toHaveBeenCalledTimes(3);
  });

  it('R-6.1.2 a PDF opens in a new tab at its signed URL', async () => {
    const tab = { opener: {}, location: { href: 'about:blank' }, close: vi.fn() };
    vi.stubGlobal('open', vi.fn(() => tab));
    api.fileUrl.mockResolvedValue({ url: 'http://oss.local/p.pdf?sig=9', expiresAt: '2026-01-01T00:05:00Z' });
    render(<Harness initial={9} files={[stored({ id: 9, name: 'policy.pdf', contentType: 'application/pdf' })]} />);

    fireEvent.click(screen.getByRole('button', { name: '查看policy.pdf' }));
    await waitFor(() => expect(tab.location.href).toBe('http://oss.local/p.pdf?sig=9'));
    // the tab opens before the URL arrives, so pop-up blockers let it through, and cannot reach back
    expect(window.open).toHaveBeenCalledWith('about:blank', '_blank');
    expect(tab.opener).toBeNull();
    expect(api.fileUrl).toHaveBeenCalledWith(9);
  });

  it('R-6.1.2 with multiple, uploads add ids and removing a card takes its id out of the value', async () => {
    api.uploadFile.mockImplementation(async (file: File) => stored({ id: file.name === 'b.pdf' ? 52 : 51, name: file.name, contentType: file.type }));
    api.fileUrl.mockResolvedValue({ url: 'http://oss.local/x', expiresAt: '2026-01-01T00:05:00Z' });
    const onValues = vi.fn();
    render(<Harness multiple initial={[50]} files={[stored({ id: 50, name: 'a.pdf', contentType: 'application/pdf' })]} onValues={onValues} />);
    pick(pdf('b.pdf'));
    await waitFor(() => expect(screen.getByRole('group', { name: 'b.pdf' })).toHaveAttribute('data-status', 'done'));
    expect((await submitted(onValues)).cert).toEqual([50, 52]);

    fireEvent.click(screen.getByRole('button', { name: '删除a.pdf' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'a.pdf' })).toBeNull());
    onValues.mockClear();
    expect((await submitted(onValues)).cert).toEqual([52]);
  });
});

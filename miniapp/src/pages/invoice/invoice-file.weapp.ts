/**
 * Opening an invoice PDF in the mini-program: downloaded to a temporary file (the file host must be
 * a downloadFile domain of the mini-program), then shown by WeChat's document viewer, whose menu
 * can forward or save it.
 */
import Taro from '@tarojs/taro';

export async function openInvoiceFile(signedUrl: () => Promise<string>): Promise<void> {
  const res = await Taro.downloadFile({ url: await signedUrl() });
  if (res.statusCode !== 200) throw new Error(`download failed: HTTP ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}

/**
 * Opening an invoice PDF in the H5 app: in a new tab, where the browser shows or saves it. The tab is
 * opened at once, in the tap, and pointed at the signed URL when it arrives (a tab opened after an
 * await is blocked as a pop-up); where no tab could be opened, this tab goes to the file.
 */
export async function openInvoiceFile(signedUrl: () => Promise<string>): Promise<void> {
  const tab = window.open('about:blank', '_blank');
  if (tab) tab.opener = null;
  let url: string;
  try {
    url = await signedUrl();
  } catch (e) {
    tab?.close();
    throw e;
  }
  if (tab) tab.location.href = url;
  else window.location.assign(url);
}

import { dirname, join } from 'path';
import PDFDocument from 'pdfkit';
import { chineseCapital, yuan } from './invoice.money';
import type { SandboxInvoice } from './invoice.state';

/**
 * Noto Sans SC (思源黑体, SIL Open Font License) as shipped by @embedpdf/fonts-sc: OpenType files
 * pdfkit can embed (it subsets them to the characters used), so the PDF shows Chinese on any
 * reader without relying on a font installed on the machine.
 */
function fontFile(weight: 'Regular' | 'Bold'): string {
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', `NotoSansHans-${weight}.otf`);
}
export const CJK_FONT_FILES = { regular: fontFile('Regular'), bold: fontFile('Bold') };

const ID_TYPES: Record<string, string> = {
  id_card: '居民身份证',
  passport: '护照',
  hk_mo_permit: '港澳居民来往内地通行证',
  tw_permit: '台湾居民来往大陆通行证',
  hmt_residence: '港澳台居民居住证',
};

const RED = '#b0272d';
const INK = '#7a4a16';

/**
 * The PDF of an issued invoice, laid out like a 数电发票 (电子发票（普通发票）) with the 旅客运输服务
 * block of the passenger-transport special business: who travelled, with which ID, when, from where
 * to where and in which class. A red-letter invoice carries 红字 and negative amounts.
 */
export function renderInvoicePdf(inv: SandboxInvoice): Promise<Buffer> {
  const doc = new PDFDocument({ size: [842, 595], margin: 36, info: { Title: `电子发票 ${inv.invoiceNo ?? ''}`, Author: inv.seller.name } });
  doc.registerFont('cjk', CJK_FONT_FILES.regular);
  doc.registerFont('cjk-bold', CJK_FONT_FILES.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 36;
  const width = 842 - 72;
  const right = left + width;
  const red = inv.kind === 'red';

  // heading
  doc.font('cjk-bold').fontSize(20).fillColor(INK).text('电子发票（普通发票）', left, 36, { width, align: 'center' });
  if (red) doc.font('cjk-bold').fontSize(14).fillColor(RED).text('红字', left, 40, { width: width / 2 - 130, align: 'right' });
  doc.moveTo(842 / 2 - 110, 66).lineTo(842 / 2 + 110, 66).lineWidth(1).strokeColor(INK).stroke();
  doc.moveTo(842 / 2 - 110, 69).lineTo(842 / 2 + 110, 69).stroke();
  doc.font('cjk').fontSize(10).fillColor('black');
  doc.text(`发票号码：${inv.invoiceNo ?? ''}`, right - 220, 40, { width: 220 });
  doc.text(`开票日期：${chinaDate(inv.issuedAt)}`, right - 220, 56, { width: 220 });

  // buyer and seller
  const boxTop = 84;
  const boxHeight = 70;
  doc.rect(left, boxTop, width, boxHeight).strokeColor(INK).stroke();
  doc.moveTo(left + width / 2, boxTop).lineTo(left + width / 2, boxTop + boxHeight).stroke();
  const party = (x: number, label: string, name: string, taxId: string | undefined) => {
    doc.font('cjk-bold').fontSize(10).fillColor(INK).text(label, x + 8, boxTop + 8);
    doc.font('cjk').fontSize(10).fillColor('black');
    doc.text(`名称：${name}`, x + 8, boxTop + 26, { width: width / 2 - 16 });
    doc.text(`统一社会信用代码/纳税人识别号：${taxId ?? ''}`, x + 8, boxTop + 46, { width: width / 2 - 16 });
  };
  party(left, '购买方信息', inv.buyer.name, inv.buyer.taxId);
  party(left + width / 2, '销售方信息', inv.seller.name, inv.seller.taxId);

  // items
  const cols = [
    { title: '项目名称', w: 230, align: 'left' as const },
    { title: '单位', w: 50, align: 'center' as const },
    { title: '数量', w: 50, align: 'right' as const },
    { title: '单价', w: 90, align: 'right' as const },
    { title: '金额', w: 110, align: 'right' as const },
    { title: '税率/征收率', w: 90, align: 'right' as const },
    { title: '税额', w: 150, align: 'right' as const },
  ];
  let y = boxTop + boxHeight + 8;
  const row = (cells: string[], font = 'cjk', color = 'black') => {
    let x = left;
    doc.font(font).fontSize(10).fillColor(color);
    cells.forEach((cell, i) => {
      doc.text(cell, x + 4, y, { width: cols[i].w - 8, align: cols[i].align, lineBreak: false });
      x += cols[i].w;
    });
    y += 18;
  };
  row(cols.map((c) => c.title), 'cjk-bold', INK);
  for (const it of inv.items) {
    const unit = Math.round(Math.abs(it.amountExclTaxFen) / it.quantity);
    row([it.name, '次', String(red ? -it.quantity : it.quantity), yuan(unit), yuan(it.amountExclTaxFen), `${Math.round(it.taxRate * 100)}%`, yuan(it.taxFen)]);
  }
  row(['合\u3000\u3000计', '', '', '', `¥${yuan(inv.amountExclTaxFen)}`, '', `¥${yuan(inv.taxFen)}`], 'cjk-bold');
  doc.moveTo(left, y).lineTo(right, y).strokeColor(INK).stroke();
  y += 6;
  doc.font('cjk-bold').fontSize(11).fillColor(INK).text('价税合计（大写）', left + 4, y, { continued: true });
  doc.font('cjk-bold').fillColor('black').text(`\u3000${chineseCapital(inv.totalFen)}`, { continued: true });
  doc.font('cjk').fillColor(INK).text('\u3000\u3000（小写）', { continued: true });
  doc.font('cjk-bold').fillColor('black').text(`¥${yuan(inv.totalFen)}`);
  y += 24;
  doc.moveTo(left, y).lineTo(right, y).strokeColor(INK).stroke();
  y += 8;

  // 特定业务：旅客运输服务
  doc.font('cjk-bold').fontSize(10).fillColor(INK).text('特定业务：旅客运输服务', left + 4, y);
  y += 18;
  const tcols = [
    { title: '出行人', w: 110 },
    { title: '有效身份证件号', w: 230 },
    { title: '出行日期', w: 100 },
    { title: '出发地', w: 130 },
    { title: '到达地', w: 130 },
    { title: '等级', w: 70 },
  ];
  const trow = (cells: string[], font = 'cjk', color = 'black') => {
    let x = left;
    doc.font(font).fontSize(10).fillColor(color);
    cells.forEach((cell, i) => {
      doc.text(cell, x + 4, y, { width: tcols[i].w - 8, lineBreak: false });
      x += tcols[i].w;
    });
    y += 16;
  };
  trow(tcols.map((c) => c.title), 'cjk-bold', INK);
  for (const t of inv.travellers) {
    trow([t.name, `${ID_TYPES[t.idType] ?? t.idType} ${t.idNumber}`, t.travelDate, t.origin, t.destination, t.class]);
  }
  y += 6;
  doc.moveTo(left, y).lineTo(right, y).strokeColor(INK).stroke();
  y += 8;
  doc.font('cjk-bold').fontSize(10).fillColor(INK).text('备注', left + 4, y);
  doc.font('cjk').fillColor('black').text(inv.remark || ' ', left + 50, y, { width: width - 60 });
  doc.font('cjk').fontSize(10).fillColor('black').text('开票人：电子发票服务平台', left, 595 - 54, { width, align: 'left' });
  doc.end();
  return done;
}

/** 2026年03月15日 in China time. */
function chinaDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;
}

import { describe, expect, it } from 'vitest';
import { badRowCount, importProblems } from './import-errors';

describe('R-6.1.1 rejected imports list every bad row', () => {
  it('reads { row, column, reason } and sorts by row', () => {
    const p = importProblems([
      {
        field: '第5行·经度',
        reason: '坐标不在中国境内',
        row: 5,
        column: '经度',
      },
      { field: '第3行·编码', reason: '必填', row: 3, column: '编码' },
      { field: '第3行·名称', reason: '必填', row: 3, column: '名称' },
    ]);
    expect(p.map((x) => [x.row, x.column, x.reason])).toEqual([
      [3, '编码', '必填'],
      [3, '名称', '必填'],
      [5, '经度', '坐标不在中国境内'],
    ]);
    expect(badRowCount(p)).toBe(2);
  });

  it('falls back to the "第N行·列" text and keeps problems without a row', () => {
    const p = importProblems([
      { field: '第12行·行政区划代码', reason: '应为 6 位' },
      { field: 'file', reason: '缺少工作表「站点」' },
    ]);
    expect(p[0]).toMatchObject({ row: null, column: 'file' });
    expect(p[1]).toMatchObject({
      row: 12,
      column: '行政区划代码',
      reason: '应为 6 位',
    });
    expect(badRowCount(p)).toBe(1);
  });
});

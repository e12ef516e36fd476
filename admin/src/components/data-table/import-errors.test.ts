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

describe('R-6.1.2 archive imports name the bad cell in the field text', () => {
  it('reads "第N行·列", "N.field", "rows[N].field" and "row N", and keeps problems without a row', () => {
    const p = importProblems([
      { field: '3.plateNo', reason: '车牌号格式不正确' },
      { field: 'rows[12].approvedSeats', reason: '核定座位不少于 7 座' },
      { field: 'row 5', reason: '与第 3 行重复' },
      { field: '第7行·车牌号', reason: '必填' },
      { field: 'file', reason: '缺少表头' },
    ]);
    expect(p.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual([
      { row: null, column: 'file', reason: '缺少表头' },
      { row: 3, column: 'plateNo', reason: '车牌号格式不正确' },
      { row: 5, column: '', reason: '与第 3 行重复' },
      { row: 7, column: '车牌号', reason: '必填' },
      { row: 12, column: 'approvedSeats', reason: '核定座位不少于 7 座' },
    ]);
    expect(badRowCount(p)).toBe(4);
  });

  it('does not read a row out of a field that merely starts with a number', () => {
    expect(importProblems([{ field: '2024年度', reason: 'x' }])[0]).toMatchObject({ row: null, column: '2024年度' });
  });
});

import { describe, expect, it } from 'vitest';
import { rowErrorsOf } from './ImportModal';

describe('import row errors', () => {
  it('R-6.1.2 every rejected cell is listed with its row and column, whichever way the bff names it', () => {
    expect(
      rowErrorsOf([
        { field: '3.plateNo', reason: '车牌号格式不正确' },
        { field: 'rows[12].approvedSeats', reason: '核定座位不少于 7 座' },
        { field: 'row 5', reason: '与第 3 行重复' },
        { field: 'file', reason: '缺少表头' },
      ]),
    ).toEqual([
      { key: 0, row: 3, field: 'plateNo', reason: '车牌号格式不正确' },
      { key: 1, row: 12, field: 'approvedSeats', reason: '核定座位不少于 7 座' },
      { key: 2, row: 5, field: '', reason: '与第 3 行重复' },
      { key: 3, row: null, field: 'file', reason: '缺少表头' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { namePathOf } from './form-errors';

describe('namePathOf', () => {
  it('R-6.1.4 reads the bff’s field names in both styles as antd name paths', () => {
    expect(namePathOf('holdMinutes')).toEqual(['holdMinutes']);
    expect(namePathOf('refundTiers.1.feePercent')).toEqual(['refundTiers', 1, 'feePercent']);
    expect(namePathOf('refundTiers[1].feePercent')).toEqual(['refundTiers', 1, 'feePercent']);
    expect(namePathOf('vehicleTypeAdjustments.small.addFen')).toEqual(['vehicleTypeAdjustments', 'small', 'addFen']);
    expect(namePathOf('pairs[12]')).toEqual(['pairs', 12]);
  });
});

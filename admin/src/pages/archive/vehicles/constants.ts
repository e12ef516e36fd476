import type { PlateColor } from '@dzky/contracts';

/** antd tag colours of the JT/T 808 plate colours. */
export const PLATE_TAG_COLOR: Record<PlateColor, string> = { 1: 'blue', 2: 'gold', 3: 'default', 4: 'default', 5: 'green', 9: 'default' };

/**
 * Plates: province, issuing-office letter, then five characters, or six for new-energy plates
 * (D/F in front for small vehicles, behind for large ones). I and O are never used.
 */
export const PLATE_PATTERN =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$/;

/** Customized passenger transport vehicles are approved for at least 7 seats (design.md §6). */
export const MIN_SEATS = 7;
export const MAX_SEATS = 80;

/** JT/T 808 plate colour codes. */
export const PLATE_COLORS = [1, 2, 3, 4, 5, 9] as const;
export const PLATE_TAG_COLOR: Record<number, string> = { 1: 'blue', 2: 'gold', 3: 'default', 4: 'default', 5: 'green', 9: 'default' };

export const VEHICLE_TYPES = ['large_bus', 'medium_bus', 'small_bus', 'mpv'] as const;
/** JT/T 325 营运客车类型等级 */
export const VEHICLE_CLASSES = ['senior3', 'senior2', 'senior1', 'middle', 'ordinary'] as const;

/** VIN: 17 characters, never I, O or Q. */
export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;
export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9]{7,30}$/;
export const TERMINAL_PHONE_PATTERN = /^\d{11,20}$/;

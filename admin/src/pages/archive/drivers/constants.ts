/** Driving licence classes that may carry passengers in coaches and buses (GA/T 1015 准驾车型). */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1'] as const;

/** 从业资格 categories of JT/T 1290 relevant to passenger transport. */
export const QUALIFICATION_TYPES = ['passenger', 'dangerous_goods', 'freight'] as const;

export const EMPLOYMENT_STATUSES = ['employed', 'suspended', 'left'] as const;

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

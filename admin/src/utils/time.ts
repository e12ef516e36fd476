import dayjs from 'dayjs';

/** Times are stored in UTC and always shown in Beijing time, whatever the browser's zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format(pattern) : iso;
}

/** A wall-clock time picked in the UI, read as Beijing time, to an ISO instant for the API. */
export function beijingToIso(picked: dayjs.Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), DISPLAY_TZ).toISOString();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

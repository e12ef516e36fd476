/**
 * What the trip, booking and order pages show the same way: times in Asia/Shanghai whatever the
 * device's zone, money from fen, names in the chosen language, the contracts' labels.
 */
import { fenToYuanString, localizedName, type Fen, type LocalizedName, type WeatherNow } from '@dzky/contracts';
import type { Lang } from '../../i18n';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The Shanghai wall-clock of an instant, as an ISO-like string (YYYY-MM-DDTHH:mm…). */
function shanghai(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
}

/** 09:30 */
export function timeOf(iso: string): string {
  return shanghai(iso).slice(11, 16);
}

/** YYYY-MM-DD in Shanghai */
export function dateOf(iso: string): string {
  return shanghai(iso).slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400 * 1000).toISOString().slice(0, 10);
}

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function weekdayOf(date: string, lang: Lang): string {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (lang === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH)[d];
}

/** 11月26日 周四 / Thu 11-26 */
export function dayLabel(date: string, lang: Lang): string {
  const [, m, d] = date.split('-');
  return lang === 'en' ? `${weekdayOf(date, lang)} ${m}-${d}` : `${Number(m)}月${Number(d)}日 ${weekdayOf(date, lang)}`;
}

/** 11-26 09:30 */
export function dateTimeOf(iso: string): string {
  return `${dateOf(iso).slice(5)} ${timeOf(iso)}`;
}

/** ¥65.00; a negative amount (a red-letter invoice) -¥130.00 */
export function yuan(fen: Fen): string {
  return fen < 0 ? `-¥${fenToYuanString(-fen)}` : `¥${fenToYuanString(fen)}`;
}

export function nameOf(name: LocalizedName | null | undefined, lang: Lang): string {
  return localizedName(name, lang === 'en' ? 'en' : 'zh-CN');
}

/** A contracts label table entry in the chosen language. */
export function labelOf<K extends string>(labels: Record<K, { zh: string; en: string }>, key: K, lang: Lang): string {
  return labels[key]?.[lang] ?? key;
}

/** 深圳 多云 22°C — the provider's words, the city without its 市. */
export function weatherText(w: WeatherNow): string {
  const place = w.city.length > 2 ? w.city.replace(/市$/, '') : w.city;
  return `${place} ${w.weather} ${w.temperatureC}°C`;
}

/** Minutes as words for the rules: 2 小时, 24 小时, 30 分钟. */
export function durationText(minutes: number, lang: Lang): string {
  if (minutes >= 60 && minutes % 60 === 0) return lang === 'en' ? `${minutes / 60} h` : `${minutes / 60} 小时`;
  return lang === 'en' ? `${minutes} min` : `${minutes} 分钟`;
}

/** A journey's length: 2小时30分 / 2 h 30 min. */
export function travelTime(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en') return [h ? `${h} h` : '', m || !h ? `${m} min` : ''].filter(Boolean).join(' ');
  if (!h) return `${m}分钟`;
  return m ? `${h}小时${m}分` : `${h}小时`;
}

/** A page parameter: the mini-program hands them over still URL-encoded, H5 already decoded. */
export function decodedParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

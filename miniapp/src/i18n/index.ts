/**
 * A small dictionary-based i18n: Chinese by default, English as a toggle, the choice kept in
 * storage. Pages read texts through useI18n() so a switch re-renders them.
 */
import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const LANG_KEY = 'dzky.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function initialLang(): Lang {
  try {
    return Taro.getStorageSync(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let lang: Lang = initialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  Taro.setStorageSync(LANG_KEY, next);
  listeners.forEach((l) => l());
}

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? zh[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useI18n(): { t: typeof t; lang: Lang; setLang: typeof setLang; toggle: () => void } {
  const current = useSyncExternalStore(subscribe, getLang, getLang);
  return { t, lang: current, setLang, toggle: () => setLang(current === 'zh' ? 'en' : 'zh') };
}

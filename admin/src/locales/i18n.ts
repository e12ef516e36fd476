import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
// the ES modules: antd/locale/* are CommonJS shims whose default import the production bundle
// resolved to the module object, so antd fell back to English ("20 / page") in the Chinese UI
import zhCNAntd from 'antd/es/locale/zh_CN';
import enUSAntd from 'antd/es/locale/en_US';
import type { Locale } from 'antd/es/locale';
import zhCN from './zh-CN';
import enUS from './en-US';

dayjs.extend(utc);
dayjs.extend(timezone);

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: { value: Lang; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

const STORAGE_KEY = 'dzky.admin.lang';
const DAYJS_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };
export const ANTD_LOCALE: Record<Lang, Locale> = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd };

function savedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en-US' || v === 'zh-CN') return v;
  } catch {
    // storage may be unavailable (private mode); Chinese is the default anyway
  }
  return 'zh-CN';
}

export function initI18n(lang: Lang = savedLang()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
      lng: lang,
      fallbackLng: 'zh-CN',
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  }
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = lang;
  return i18n;
}

export function currentLang(): Lang {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export async function changeLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this page
  }
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export default i18n;

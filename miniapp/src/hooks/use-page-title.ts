import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { useI18n, type MessageKey } from '../i18n';

/** Keeps the navigation bar title in the chosen language. */
export function usePageTitle(key: MessageKey): void {
  const { t, lang } = useI18n();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined); // cosmetic only
  }, [key, lang, t]);
}

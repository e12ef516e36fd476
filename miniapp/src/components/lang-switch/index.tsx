import { Text } from '@tarojs/components';
import { useI18n } from '../../i18n';
import './index.scss';

/** 中文 ⇄ English; Chinese is the default and the complete language. */
export function LangSwitch({ className = '' }: { className?: string }) {
  const { t, toggle } = useI18n();
  return (
    <Text className={`lang-switch ${className}`} id="lang-switch" onClick={toggle}>
      {t('lang.switch')}
    </Text>
  );
}

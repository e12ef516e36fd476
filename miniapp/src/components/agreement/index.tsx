import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { ROUTES } from '../../routes';
import './index.scss';

interface AgreementProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
}

/**
 * The consent tick box under a sign-in form. Drawn by hand rather than with <Checkbox>, so it
 * looks and behaves the same in the mini-program and in H5 (and has one stable id for tests).
 */
export function Agreement({ checked, onChange, id }: AgreementProps) {
  const { t } = useI18n();
  const openPolicy = (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    void Taro.navigateTo({ url: `${ROUTES.privacy}?mode=agreement` });
  };
  return (
    <View className="agreement">
      <View
        id={id}
        className={`agreement__box ${checked ? 'agreement__box--checked' : ''}`}
        role="checkbox"
        aria-checked={checked}
        onClick={() => onChange(!checked)}
      >
        {checked ? <Text className="agreement__tick">✓</Text> : null}
      </View>
      <View className="agreement__text">
        <Text onClick={() => onChange(!checked)}>{t('login.agree.prefix')}</Text>
        <Text className="agreement__link" id="login-policy-link" onClick={openPolicy}>
          {t('login.agree.policy')}
        </Text>
      </View>
    </View>
  );
}

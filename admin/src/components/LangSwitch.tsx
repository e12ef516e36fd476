import { Dropdown } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLang, currentLang, LANGS, type Lang } from '../locales/i18n';

export default function LangSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: LANGS.map((l) => ({ key: l.value, label: l.label })),
        onClick: ({ key }) => void changeLang(key as Lang),
      }}
      placement="bottomRight"
    >
      <span className={className ?? 'dzky-header__action'} role="button" aria-label={t('header.language')} tabIndex={0}>
        <TranslationOutlined />
        <span className="dzky-header__action-text">{LANGS.find((l) => l.value === lang)?.label}</span>
      </span>
    </Dropdown>
  );
}

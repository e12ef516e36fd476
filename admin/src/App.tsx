import { Suspense, useEffect, useMemo } from 'react';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageLoading } from './components/guards';
import { ANTD_LOCALE, currentLang } from './locales/i18n';
import { configureRequest } from './request';
import { createRouter } from './router';
import { SessionProvider } from './session';

/** The wrapper's global error display: antd's message, from inside <App> so it follows the theme. */
function RequestErrorBridge() {
  const { message } = AntdApp.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    configureRequest({
      onError: (err) => void message.error({ content: err.errorMessage, key: `${err.errorCode}:${err.errorMessage}` }),
      describe: (kind, status) => (kind === 'network' ? t('common.networkError') : t('common.serverError', { status })),
    });
  }, [message, t]);
  return null;
}

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1677ff', borderRadius: 6, fontSize: 14 },
  components: {
    Layout: { siderBg: '#001529', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f0f2f5' },
    Menu: { darkItemBg: '#001529', darkSubMenuItemBg: '#000c17' },
  },
};

export default function App() {
  // re-render on language change: antd locale follows i18next
  useTranslation();
  const router = useMemo(() => createRouter(), []);
  const lang = currentLang();
  return (
    <ConfigProvider locale={ANTD_LOCALE[lang]} theme={THEME}>
      <AntdApp>
        <RequestErrorBridge />
        <SessionProvider>
          <Suspense fallback={<PageLoading />}>
            <RouterProvider router={router} />
          </Suspense>
        </SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

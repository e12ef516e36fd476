import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { platform } from './platform';
import { ROUTES } from './routes';
import { configureRequest } from './services/request';
import { PRIVACY_CONSENT_URL, setProfile } from './services/session';
import './app.scss';

// What the one request wrapper does when the server says the session is over or consent is due.
configureRequest({
  onSessionLost: () => {
    setProfile(null);
    void Taro.reLaunch({ url: ROUTES.login });
  },
  onConsentRequired: () => {
    void Taro.reLaunch({ url: PRIVACY_CONSENT_URL });
  },
});

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // mini-program: WeChat asks before a privacy API (phone number, location) runs
    platform.watchPrivacyAuthorization(() => {
      void Taro.navigateTo({ url: `${ROUTES.privacy}?mode=authorize` });
    });
  });
  return children;
}

export default App;

import { driverAppConfig } from './app.driver.config';
import { passengerAppConfig } from './app.passenger.config';

/**
 * Taro evaluates this file at build time in Node (and inlines the result), so the APP variable
 * of the build picks one app's pages here; pages of the other app are then not compiled at all.
 */
const app = process.env.APP === 'driver' ? driverAppConfig : passengerAppConfig;

export default defineAppConfig({
  ...app,
  // Mini-program privacy rules: privacy APIs (phone number now, location for door-to-door pickup
  // later) wait for the user's agreement, and location use is declared up front.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于门到门接送时确定您的上车点和下车点' },
  },
});

/** Pages and window of the driver mini-program (定制客运司机端). Chosen by app.config.ts. */
export const driverAppConfig = {
  pages: ['pages/driver/home/index', 'pages/auth/login/index', 'pages/auth/privacy/index'],
  window: {
    navigationBarTitleText: '定制客运司机端',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTextStyle: 'white' as const,
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark' as const,
  },
};

/** Pages and window of the passenger mini-program (定制客运). Chosen by app.config.ts. */
export const passengerAppConfig = {
  pages: [
    'pages/home/index/index',
    'pages/order/list/index',
    'pages/mine/index/index',
    'pages/auth/login/index',
    'pages/auth/privacy/index',
    'pages/mine/riders/index',
    'pages/mine/rider-edit/index',
    'pages/mine/profile/index',
    'pages/trip/list/index',
    'pages/trip/detail/index',
    'pages/booking/create/index',
    'pages/order/detail/index',
  ],
  window: {
    navigationBarTitleText: '定制客运',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTextStyle: 'white' as const,
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark' as const,
  },
  tabBar: {
    color: '#7d8592',
    selectedColor: '#1677ff',
    backgroundColor: '#ffffff',
    borderStyle: 'white' as const,
    list: [
      { pagePath: 'pages/home/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/order/list/index', text: '订单', iconPath: 'assets/tab/order.png', selectedIconPath: 'assets/tab/order-active.png' },
      { pagePath: 'pages/mine/index/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
};

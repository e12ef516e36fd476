export default definePageConfig({
  navigationBarTitleText: '班次',
  enablePullDownRefresh: true,
});

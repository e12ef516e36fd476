export default definePageConfig({
  navigationBarTitleText: '乘车人',
});

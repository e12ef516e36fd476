export default definePageConfig({
  navigationBarTitleText: '常用乘车人',
});

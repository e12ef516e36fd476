export default definePageConfig({
  navigationBarTitleText: '退票',
});

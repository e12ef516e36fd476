export default definePageConfig({
  navigationBarTitleText: '评价行程',
});

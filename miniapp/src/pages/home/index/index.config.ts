export default definePageConfig({
  navigationBarTitleText: '定制客运',
});

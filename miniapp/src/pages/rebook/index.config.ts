export default definePageConfig({
  navigationBarTitleText: '改签',
});

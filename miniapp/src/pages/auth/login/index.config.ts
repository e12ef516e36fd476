// The title is the app's own (window.navigationBarTitleText of each app config).
export default definePageConfig({
  navigationBarBackgroundColor: '#e8f1ff',
  navigationBarTextStyle: 'black',
});

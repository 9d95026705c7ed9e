export default definePageConfig({
  navigationBarTitleText: '领用单',
});

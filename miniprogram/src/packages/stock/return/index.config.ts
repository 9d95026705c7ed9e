export default definePageConfig({
  navigationBarTitleText: '配件退还单',
});

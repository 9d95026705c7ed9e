export default definePageConfig({
  navigationBarTitleText: '持有记录',
});

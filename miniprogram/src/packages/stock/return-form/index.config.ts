export default definePageConfig({
  navigationBarTitleText: '退还配件',
});

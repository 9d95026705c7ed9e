export default definePageConfig({
  navigationBarTitleText: '库存预警',
});

export default definePageConfig({
  navigationBarTitleText: '宏沅售后',
  onReachBottomDistance: 100,
  // Pull down to reload the lists of the open tab.
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});

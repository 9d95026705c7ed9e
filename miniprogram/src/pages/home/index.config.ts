export default definePageConfig({
  navigationBarTitleText: '宏沅售后',
  onReachBottomDistance: 100,
})

export default definePageConfig({
  navigationBarTitleText: '店铺提醒',
  enablePullDownRefresh: true,
});

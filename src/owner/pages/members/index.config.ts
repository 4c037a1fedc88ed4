export default definePageConfig({
  navigationBarTitleText: '会员',
  enablePullDownRefresh: true,
});

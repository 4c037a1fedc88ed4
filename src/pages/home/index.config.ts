export default definePageConfig({
  navigationBarTitleText: '开店',
  enablePullDownRefresh: true,
});

export default definePageConfig({
  navigationBarTitleText: '分享店铺',
  enableShareAppMessage: true,
});

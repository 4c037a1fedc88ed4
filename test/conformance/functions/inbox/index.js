// Receives message pushes (wxa_media_check) and keeps them where a test can read them.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

exports.main = async (event) => {
  const { SOURCE } = cloud.getWXContext();
  await cloud.database().collection('conf_items').add({ data: { kind: 'push', SOURCE: SOURCE || null, event } });
  return 'success';
};

// The operations of WeChat DevTools' cloud quick-start template (quickstartFunctions), written here
// from its documented behaviour: one function routing on event.type — who am I, a mini-program code
// stored in cloud storage, a sample "sales" collection with CRUD, and a sum by aggregation.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
const $ = db.command.aggregate;

const SAMPLE = [
  { region: '华东', city: '上海', sales: 11 },
  { region: '华东', city: '南京', sales: 11 },
  { region: '华南', city: '广州', sales: 22 },
  { region: '华南', city: '深圳', sales: 22 },
];

async function createCollection() {
  try {
    await db.createCollection('sales');
  } catch (e) {
    // Already there from an earlier run: the template treats that as fine and (re)fills it.
    if (!/exist/i.test(String(e.errMsg || e.message))) throw e;
  }
  for (const item of SAMPLE) await db.collection('sales').add({ data: item });
  return { success: true };
}

const operations = {
  getOpenId: async () => {
    const ctx = cloud.getWXContext();
    return { openid: ctx.OPENID, appid: ctx.APPID, unionid: ctx.UNIONID };
  },
  getMiniProgramCode: async () => {
    const code = await cloud.openapi.wxacode.get({ path: 'pages/index/index' });
    const upload = await cloud.uploadFile({ cloudPath: 'code.png', fileContent: code.buffer });
    return upload.fileID;
  },
  createCollection,
  selectRecord: async () => db.collection('sales').get(),
  updateRecord: async (event) => {
    for (const item of event.data) await db.collection('sales').where({ _id: item._id }).update({ data: { sales: item.sales } });
    return { success: true, data: event.data };
  },
  insertRecord: async (event) => {
    const result = await db.collection('sales').add({ data: { region: event.data.region, city: event.data.city, sales: Number(event.data.sales) } });
    return { success: true, data: event.data, _id: result._id };
  },
  deleteRecord: async (event) => {
    await db.collection('sales').where({ _id: event.data._id }).remove();
    return { success: true };
  },
  sumRecord: async () => db.collection('sales').aggregate().group({ _id: null, totalSales: $.sum('$sales') }).end(),
  uploadFile: async (event) => cloud.uploadFile({ cloudPath: event.cloudPath, fileContent: Buffer.from(event.base64, 'base64') }),
};

exports.main = async (event) => {
  const op = operations[event.type];
  if (!op) return { success: false, errMsg: `unknown type ${event.type}` };
  return op(event);
};

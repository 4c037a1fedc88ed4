// The demo shop that `npm start` seeds on the first run: a corner store with two categories, twelve
// goods, a 30-day and a 365-day membership, and one digital product. Prices in fen. Pictures are in
// photos/ (rendered by render-photos.ts from the Noto Color Emoji font — see photos/README.md).
export interface DemoProduct {
  key: string;
  name: string;
  emoji: string;
  price: number;
  memberPrice?: number;
  category: 'drinks' | 'pantry' | null;
  stock: number | 'unlimited';
  description: string;
  membersOnly?: boolean;
  kind?: 'physical' | 'membership' | 'digital';
  days?: number;
  background: [string, string];
}

export const DEMO_SHOP = {
  name: '街角小卖部',
  phone: '13800138000',
  description: '楼下的便利店，早七点到晚十一点。满 39 元同城配送免运费。',
  logoEmoji: '🏪',
  subMchId: '1900000109',
  merchantName: '街角小卖部（演示商户）',
  pickupAddress: '幸福路 12 号一楼',
};

export const DEMO_CATEGORIES = { drinks: '饮料', pantry: '零食果蔬' } as const;

export const DEMO_PRODUCTS: DemoProduct[] = [
  { key: 'milk', name: '鲜牛奶 1L', emoji: '🥛', price: 1280, memberPrice: 1150, category: 'drinks', stock: 30, description: '本地牧场当日鲜奶，需冷藏。', background: ['#e8f1ff', '#c9dcfb'] },
  { key: 'coffee', name: '现磨美式咖啡', emoji: '☕', price: 1500, memberPrice: 1200, category: 'drinks', stock: 'unlimited', description: '店里现磨，热饮。', background: ['#f6ead8', '#e3c9a3'] },
  { key: 'juice', name: '鲜榨橙汁 300ml', emoji: '🧃', price: 650, category: 'drinks', stock: 20, description: '每天早上现榨。', background: ['#fff2d6', '#ffd98a'] },
  { key: 'cola', name: '可乐 330ml', emoji: '🥤', price: 350, category: 'drinks', stock: 100, description: '冰柜常备。', background: ['#ffe3e3', '#f7b2b2'] },
  { key: 'tea', name: '无糖绿茶 500ml', emoji: '🍵', price: 400, category: 'drinks', stock: 80, description: '0 糖 0 卡。', background: ['#e4f6e4', '#b9e3b9'] },
  { key: 'bubbletea', name: '会员专享珍珠奶茶', emoji: '🧋', price: 1200, memberPrice: 900, category: 'drinks', stock: 40, membersOnly: true, description: '会员才能买的招牌奶茶。', background: ['#f3e8ff', '#d9c2f5'] },
  { key: 'apple', name: '红富士苹果（个）', emoji: '🍎', price: 300, category: 'pantry', stock: 60, description: '山东烟台，脆甜多汁。', background: ['#fff0ec', '#ffc9bd'] },
  { key: 'banana', name: '香蕉（一把）', emoji: '🍌', price: 590, memberPrice: 490, category: 'pantry', stock: 25, description: '约 1 斤，熟度刚好。', background: ['#fffbe0', '#fbeb9c'] },
  { key: 'eggs', name: '土鸡蛋 10 枚', emoji: '🥚', price: 1680, category: 'pantry', stock: 15, description: '农家散养。', background: ['#fdf6ec', '#f0dcc0'] },
  { key: 'bread', name: '全麦面包', emoji: '🍞', price: 990, category: 'pantry', stock: 12, description: '隔壁面包房每天送来。', background: ['#fbefe2', '#efcfa8'] },
  { key: 'chocolate', name: '黑巧克力', emoji: '🍫', price: 880, category: 'pantry', stock: 50, description: '70% 可可。', background: ['#f1e7e1', '#d6bfb0'] },
  { key: 'cookies', name: '黄油曲奇', emoji: '🍪', price: 1200, category: 'pantry', stock: 0, description: '卖完了，周五补货。', background: ['#fbf0dc', '#edd3a3'] },
  { key: 'month', name: '月卡会员（30 天）', emoji: '🎫', price: 1990, category: null, stock: 'unlimited', kind: 'membership', days: 30, description: '30 天内全店会员价，可买会员专享商品。续费从到期日顺延。', background: ['#fff6dc', '#f5d98b'] },
  { key: 'year', name: '年卡会员（365 天）', emoji: '💎', price: 16800, category: null, stock: 'unlimited', kind: 'membership', days: 365, description: '一年的会员价和会员专享，比月卡省 30%。', background: ['#e6f4ff', '#a9d4f5'] },
  { key: 'recipes', name: '《小店家常菜谱》电子书', emoji: '📖', price: 990, category: null, stock: 'unlimited', kind: 'digital', description: '店主整理的 30 道家常菜，PDF，付款后可下载 3 次。', background: ['#eef7ee', '#c4e4c4'] },
];

export const DEMO_MEMBER_TAG = 'vip';
export const DEMO_RECIPES_FILE = 'recipes.pdf';

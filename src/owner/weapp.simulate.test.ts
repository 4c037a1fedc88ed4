// miniprogram-simulate on the real `taro build --type weapp` output (dist/): the owner dashboard, a page
// of the `owner` subpackage, renders a stubbed shop's figures and its 7-day chart as bars (plain views:
// no canvas needed in the mini-program), and a tap on 订单 navigates to the inbox of that shop.
// The stand-ins for wx, App and Page are in src/testing/simulate.ts.
import path from 'node:path';
import type { DashboardView, ShopOwnerView } from '../../core/contracts/views';
import { defaultShopSettings } from '../../core/checkout';
import { fen } from '../../core/money';
import { ensureWeappBuild } from '../../scripts/weapp-size';
import { ownerProduct } from './testing/fixtures';
import { installWx, mountPage } from '../testing/simulate';

const root = path.resolve(__dirname, '../..');
const PAGE = 'owner/pages/dashboard/index';


const shop: ShopOwnerView = {
  shopId: 'S1', code: 'ABC234', name: '阿婆烘焙', logo: null, phone: '13912345678', description: '',
  settings: defaultShopSettings(), createdAt: 0, logoReviewing: false, role: 'owner',
};
const keys = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
const revenue = [0, 1250, 0, 3900, 880, 0, 2130];
const dashboard: DashboardView = {
  today: { key: keys[6], paidOrders: 1, revenue: fen(2130) },
  waiting: 1,
  activeMembers: 3,
  days: keys.map((key, i) => ({ key, paidOrders: revenue[i] > 0 ? 1 : 0, revenue: fen(revenue[i]) })),
};

function reply(action: string): unknown {
  if (action === 'getShop') return shop;
  if (action === 'dashboard') return dashboard;
  if (action === 'listProducts') return { items: [ownerProduct()], offset: 0, limit: 1, hasMore: false };
  if (action === 'alerts') return { items: [], offset: 0, limit: 20, hasMore: false };
  throw new Error(`unexpected action ${action}`);
}

beforeAll(() => {
  ensureWeappBuild(root);
}, 240_000);

test('the built owner dashboard shows today’s revenue, the waiting orders and a 7-bar chart, and 订单 opens that shop’s inbox', async () => {
  const { calls, navigations } = installWx((call) => reply(call.data.action));
  const { page, simulate } = mountPage(PAGE, { shopId: 'S1' });

  for (let i = 0; i < 100 && !page.dom.textContent.includes('阿婆烘焙'); i += 1) await simulate.sleep(50);
  expect(calls.map((c) => `${c.name}.${c.data.action}`).sort()).toEqual(['shopAdmin.alerts', 'shopAdmin.dashboard', 'shopAdmin.getShop', 'shopAdmin.listProducts']);
  expect(calls.every((c) => (c.data.payload as { shopId: string }).shopId === 'S1')).toBe(true);
  const text = page.dom.textContent as string;
  expect(text).toContain('¥21.30');
  expect(page.querySelector('.dashboard__stat-value--alert').dom.textContent).toBe('1');
  // The chart: 7 bars, the total of the week, today's label.
  expect(page.querySelectorAll('.revenue-chart__bar')).toHaveLength(7);
  expect(page.querySelector('.revenue-chart__total').dom.textContent).toBe('¥81.60');
  expect(text).toContain('今天');
  // No merchant number yet: the first steps point to settings.
  expect(text).toContain('设置收款商户号');

  page.querySelectorAll('.dashboard__menu-item')[0].dispatchEvent('tap');
  for (let i = 0; i < 40 && navigations.length === 0; i += 1) await simulate.sleep(50);
  expect(navigations).toEqual(['/owner/pages/orders/index?shopId=S1']);
});

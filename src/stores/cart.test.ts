// The cart store: per shop, merged quantities, clamped to what may be bought, kept in Taro storage
// so it survives a restart of the mini-program.
import { storage } from '../testing/taro-mock';
import { countItems, MAX_LINE_QUANTITY, useCart } from './cart';

beforeEach(() => {
  storage.clear();
  useCart.setState({ carts: {} });
});

describe('cart store', () => {
  test('adding the same product twice makes one line with the quantities summed', () => {
    useCart.getState().add('S1', 'P1', 2);
    useCart.getState().add('S1', 'P1', 3);
    expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 5 }]);
  });

  test('each shop has its own cart', () => {
    useCart.getState().add('S1', 'P1');
    useCart.getState().add('S2', 'P9', 4);
    expect(useCart.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 1 }]);
    expect(useCart.getState().carts.S2).toEqual([{ productId: 'P9', quantity: 4 }]);
  });

  test('a quantity never exceeds the stock given, nor 999', () => {
    useCart.getState().add('S1', 'P1', 5, 3);
    useCart.getState().add('S1', 'P2', 5000);
    expect(useCart.getState().carts.S1).toEqual([
      { productId: 'P1', quantity: 3 },
      { productId: 'P2', quantity: MAX_LINE_QUANTITY },
    ]);
  });

  test('setting a quantity to 0 removes the line; remove and clear drop lines', () => {
    const cart = useCart.getState();
    cart.add('S1', 'P1', 2);
    cart.add('S1', 'P2', 1);
    cart.add('S1', 'P3', 1);
    useCart.getState().setQuantity('S1', 'P1', 0);
    useCart.getState().remove('S1', 'P2');
    expect(useCart.getState().carts.S1).toEqual([{ productId: 'P3', quantity: 1 }]);
    useCart.getState().clear('S1', ['P3']);
    expect(useCart.getState().carts.S1).toEqual([]);
  });

  test('countItems sums the units of a cart', () => {
    expect(countItems([{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 3 }])).toBe(5);
  });

  test('the cart is written to Taro storage and comes back after a restart', async () => {
    useCart.getState().add('S1', 'P1', 2);
    expect(JSON.parse(String(storage.get('kaidian-cart'))).state.carts.S1).toEqual([{ productId: 'P1', quantity: 2 }]);
    // A restart: a fresh copy of the module reads the same storage.
    let restarted: typeof useCart | undefined;
    jest.isolateModules(() => {
      restarted = (require('./cart') as typeof import('./cart')).useCart;
    });
    await restarted!.persist.rehydrate();
    expect(restarted!.getState().carts.S1).toEqual([{ productId: 'P1', quantity: 2 }]);
  });
});

describe('lines per SKU, ticks, and what was really added', () => {
  test('two SKUs of one product are two lines; adding past the most adds nothing and says so (0)', () => {
    const cart = useCart.getState();
    expect(cart.add('S1', { productId: 'P1', skuId: 'v1v3' }, 2)).toBe(2);
    expect(useCart.getState().add('S1', { productId: 'P1', skuId: 'v1v4' }, 1)).toBe(1);
    expect(useCart.getState().add('S1', 'Pbook', 1, 1)).toBe(1);
    expect(useCart.getState().add('S1', 'Pbook', 1, 1)).toBe(0);
    expect(useCart.getState().carts.S1).toEqual([
      { productId: 'P1', skuId: 'v1v3', quantity: 2 }, { productId: 'P1', skuId: 'v1v4', quantity: 1 }, { productId: 'Pbook', quantity: 1 },
    ]);
    useCart.getState().select('S1', false, [{ productId: 'P1', skuId: 'v1v4' }]);
    expect(useCart.getState().carts.S1.map((i) => !i.unselected)).toEqual([true, false, true]);
    useCart.getState().select('S1', true);
    expect(useCart.getState().carts.S1.every((i) => !i.unselected)).toBe(true);
    useCart.getState().clear('S1', [{ productId: 'P1', skuId: 'v1v3' }]);
    expect(useCart.getState().carts.S1.map((i) => i.skuId ?? i.productId)).toEqual(['v1v4', 'Pbook']);
  });
});

// The checkout's coupon picker: what the server chose and saved, another coupon or none on a tap, and the
// stacking rule in one sentence.
import { fireEvent, render, screen } from '@testing-library/react';
import { fen } from '../../../core/money';
import { STACKING_RULE } from '../../../core/promotions';
import { quote } from '../../testing/fixtures';
import { CouponPicker } from './CouponPicker';

const q = quote({
  subtotal: fen(3300), discount: fen(800), total: fen(2500),
  discounts: { activityId: 'A1', activityName: '满 30 减 5', activityOff: fen(500), couponId: 'K1.o.1', couponName: '新客立减 3 元', couponOff: fen(300), total: fen(800) },
  couponOptions: [
    { couponId: 'K1.o.1', name: '新客立减 3 元', benefit: { kind: 'amount', off: fen(300), threshold: fen(0) }, validUntil: Date.UTC(2026, 5, 30), applicable: true, saving: fen(300), chosen: true },
    { couponId: 'K2.o.1', name: '满 50 减 10', benefit: { kind: 'amount', off: fen(1000), threshold: fen(5000) }, validUntil: Date.UTC(2026, 5, 30), applicable: false, saving: fen(0), chosen: false },
  ],
});

test('shows the 满减, the chosen coupon, the saving and the stacking rule; a tap picks none, an inapplicable coupon stays unpicked', () => {
  const onChoose = jest.fn();
  render(<CouponPicker quote={q} onChoose={onChoose} />);
  expect(screen.getByTestId('activity-off').textContent).toBe('-¥5.00');
  expect(screen.getByTestId('coupon-off').textContent).toBe('-¥3.00 ›');
  expect(screen.getByTestId('discount-saved').textContent).toBe('已优惠 ¥8.00');
  expect(screen.getByText(STACKING_RULE)).toBeTruthy();
  fireEvent.click(screen.getByTestId('coupon-row'));
  fireEvent.click(screen.getAllByTestId('coupon-option')[1]);
  expect(onChoose).not.toHaveBeenCalled();
  fireEvent.click(screen.getByTestId('coupon-none'));
  expect(onChoose).toHaveBeenCalledWith('none');
});

// The spec sheet's choice (选择规格): one value per option group; a value can be tapped only when some
// SKU on sale and in stock has it together with the values already chosen in the other groups.
import type { ProductView, SkuView } from '../../core/contracts/views';

export type Choice = (string | null)[];

export const buyableSku = (s: SkuView): boolean => s.onShelf && !s.soldOut;

/** The SKU all groups chose, or null while a group is still open. */
export function chosenSku(product: ProductView, choice: Choice): SkuView | null {
  if (choice.some((v) => v === null)) return null;
  return product.skus.find((s) => s.values.every((v, g) => v === choice[g])) ?? null;
}

/** Whether value `valueId` of group `g` can be picked with the other groups' choices. */
export function valueEnabled(product: ProductView, choice: Choice, g: number, valueId: string): boolean {
  return product.skus.some((s) => buyableSku(s) && s.values[g] === valueId && s.values.every((v, h) => h === g || choice[h] === null || choice[h] === v));
}

/** Tapping a value picks it, tapping it again clears it. */
export function toggleValue(choice: Choice, g: number, valueId: string): Choice {
  return choice.map((v, h) => (h === g ? (v === valueId ? null : valueId) : v));
}

/** The starting choice: the only buyable SKU when there is just one, otherwise nothing chosen. */
export function initialChoice(product: ProductView): Choice {
  const buyable = product.skus.filter(buyableSku);
  return buyable.length === 1 ? [...buyable[0].values] : product.options.map(() => null);
}

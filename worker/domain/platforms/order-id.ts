/** A platform's order id (a number or a string) as Verity's external id, refused when blank as in the generic webhook. */
import { ApiError } from '../../errors';
import { blankOrderId } from '../../schemas/orders';

export function platformOrderId(platform: 'Shopify' | 'WooCommerce', field: string, value: unknown): string {
  const invalid = (what: string) => new ApiError('VALIDATION_FAILED', `${platform} payload: ${what}`, { field });
  if (value === undefined || value === null) throw invalid(`${field} is missing`);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw invalid(`${field} must be a number or a string`);
  if (!/\S/.test(value)) throw invalid(blankOrderId(field));
  return value;
}

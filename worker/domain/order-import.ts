/**
 * Past orders in bulk, so a store starting today can ask last month's buyers:
 * a JSON array of the order webhook's shape, or a CSV export with one row per
 * line item. All or nothing: one bad order rejects the file, named by the row
 * the merchant can find in it.
 */
import { z } from '@hono/zod-openapi';
import { recordOrder } from '../../db/queries/orders';
import { ApiError } from '../errors';
import type { DomainContext } from './context';
import { parseJson } from '../http/body';
import { parseInput } from '../http/validation';
import { csvRecords } from '../lib/csv';
import { OrderSchema, toOrderInput, type OrderBody } from '../schemas/orders';

export const MAX_IMPORT_ORDERS = 1000;

const ImportSchema = z
  .array(OrderSchema)
  .min(1, { error: 'send at least one order' })
  .max(MAX_IMPORT_ORDERS, { error: `send at most ${MAX_IMPORT_ORDERS} orders per request` });

/** CSV: one row per line item, grouped into orders by order_id; `rows` gives each order's first row number. */
async function ordersFromCsv(text: string): Promise<{ orders: unknown[]; rows: number[] }> {
  const records = await csvRecords(text);
  const byId = new Map<string, Record<string, unknown> & { items: unknown[] }>();
  const rows: number[] = [];
  for (const { row, fields: r, problem } of records) {
    if (problem) throw new ApiError('VALIDATION_FAILED', `CSV row ${row}: ${problem}`, { row });
    if (!r.order_id) throw new ApiError('VALIDATION_FAILED', `CSV row ${row}: order_id is required`, { row });
    let order = byId.get(r.order_id);
    if (!order) {
      const iso = (v: string | undefined) => (v ? v : null);
      order = {
        id: r.order_id,
        customer: { email: r.email ?? '', name: r.name || null },
        createdAt: r.ordered_at ?? '',
        fulfilledAt: iso(r.fulfilled_at),
        cancelledAt: iso(r.cancelled_at),
        locale: r.locale || null,
        items: [],
      };
      byId.set(r.order_id, order);
      rows.push(row);
    }
    if (r.product_id) {
      order.items.push({
        productId: r.product_id,
        name: r.product_name ?? '',
        url: r.product_url || null,
        imageUrl: r.product_image_url || null,
        sku: r.sku || null,
        gtin: r.gtin || null,
        brand: r.brand || null,
        mpn: r.mpn || null,
      });
    }
  }
  return { orders: [...byId.values()], rows };
}

/** Validates every order of the file, then records them; returns how many, and how many are already fulfilled. */
export async function importOrders(
  ctx: Pick<DomainContext, 'db' | 'store' | 'now'>,
  text: string,
  format: 'json' | 'csv',
): Promise<{ imported: number; fulfilled: number }> {
  if (text.trim() === '') throw new ApiError('VALIDATION_FAILED', 'send the orders as a JSON array or as CSV (Content-Type: text/csv)');
  const csv = format === 'csv';
  const { orders: raw, rows } = csv ? await ordersFromCsv(text) : { orders: parseJson(text), rows: [] as number[] };
  const orders: OrderBody[] = parseInput(ImportSchema, raw, {
    // In a CSV, name the file's row, which is what the merchant can find.
    name: (path) => {
      const index = Number(path.split('.')[0]);
      return csv && Number.isInteger(index) && rows[index] ? `CSV row ${rows[index]}: ` : path ? `order ${path}: ` : '';
    },
  });
  let fulfilled = 0;
  for (const order of orders) {
    const saved = await recordOrder(ctx.db, ctx.store.id, toOrderInput(order, 'import'), ctx.store.settings, ctx.now);
    if (saved.status === 'fulfilled') fulfilled += 1;
  }
  return { imported: orders.length, fulfilled };
}

import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { prepared } from './prepared';
import { products, productStats, questions, type Product } from '../schema';
import { keysetPage, keysetQuery, type Keyset, type Page } from './keyset';

export interface ProductInput {
  externalId: string;
  name: string;
  url?: string | null;
  imageUrl?: string | null;
  sku?: string | null;
  gtin?: string | null;
  mpn?: string | null;
  brand?: string | null;
}

/**
 * Rows for a multi-row upsert. An id named twice keeps its last version: one
 * statement may not update the same row twice.
 */
export function productRows(storeId: string, items: ProductInput[], now: number) {
  const byId = new Map(items.map((p) => [p.externalId, p]));
  return [...byId.values()].map((p) => ({
    storeId,
    externalId: p.externalId,
    name: p.name,
    url: p.url ?? null,
    imageUrl: p.imageUrl ?? null,
    sku: p.sku ?? null,
    gtin: p.gtin ?? null,
    mpn: p.mpn ?? null,
    brand: p.brand ?? null,
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * Inserts or updates products by their external id in one statement.
 * Omitted optional fields become null: a PUT describes the whole product.
 */
export async function upsertProducts(db: Db, storeId: string, items: ProductInput[], now: number): Promise<Product[]> {
  if (items.length === 0) return [];
  const rows = productRows(storeId, items, now);
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  return db
    .insert(products)
    .values(rows)
    .onConflictDoUpdate({
      target: [products.storeId, products.externalId],
      set: {
        name: excluded('name'),
        url: excluded('url'),
        imageUrl: excluded('image_url'),
        sku: excluded('sku'),
        gtin: excluded('gtin'),
        mpn: excluded('mpn'),
        brand: excluded('brand'),
        updatedAt: excluded('updated_at'),
      },
    })
    .returning();
}

/**
 * The upsert for what a platform says about products (order line items,
 * product webhooks): it fills the catalogue but never erases — a field the
 * platform leaves out keeps the value the merchant or an earlier delivery
 * gave. The name follows the platform, which is where names come from anyway.
 * Not awaited, so it can join a batch.
 */
export function mergeProductsQuery(db: Db, storeId: string, items: ProductInput[], now: number) {
  const keep = (column: string, current: SQL) => sql`coalesce(${sql.raw(`excluded.${column}`)}, ${current})`;
  return db
    .insert(products)
    .values(productRows(storeId, items, now))
    .onConflictDoUpdate({
      target: [products.storeId, products.externalId],
      set: {
        name: sql`excluded.name`,
        url: keep('url', sql`${products.url}`),
        imageUrl: keep('image_url', sql`${products.imageUrl}`),
        sku: keep('sku', sql`${products.sku}`),
        gtin: keep('gtin', sql`${products.gtin}`),
        mpn: keep('mpn', sql`${products.mpn}`),
        brand: keep('brand', sql`${products.brand}`),
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Merges what a platform says about products into the catalogue (see mergeProductsQuery). */
export async function mergeProducts(db: Db, storeId: string, items: ProductInput[], now: number): Promise<Product[]> {
  if (items.length === 0) return [];
  return mergeProductsQuery(db, storeId, items, now).returning();
}

/** A product by its internal row id (what questions and reviews point at). */
export async function getProductById(db: Db, id: number): Promise<Product | undefined> {
  return db.select().from(products).where(eq(products.id, id)).get();
}

export async function getProduct(db: Db, storeId: string, externalId: string): Promise<Product | undefined> {
  const query = prepared(db, 'product', (d) =>
    d
      .select()
      .from(products)
      .where(and(eq(products.storeId, sql.placeholder('storeId')), eq(products.externalId, sql.placeholder('externalId'))))
      .prepare(),
  );
  return query.get({ storeId, externalId });
}

export async function getProductsByExternalIds(db: Db, storeId: string, externalIds: string[]): Promise<Product[]> {
  if (externalIds.length === 0) return [];
  return db
    .select()
    .from(products)
    .where(and(eq(products.storeId, storeId), inArray(products.externalId, externalIds)));
}

const byExternalId: Keyset<Product> = { name: 'products', parts: [{ column: products.externalId, direction: 'asc' }], key: (p) => [p.externalId] };

/**
 * A keyset page of the store's catalogue by external id. `unidentified`
 * keeps only products Google cannot match: no GTIN, and not both brand and MPN;
 * `q` keeps those whose name or id contains it, ignoring case.
 */
export async function listProducts(db: Db, input: { storeId: string; cursor?: string; limit: number; unidentified?: boolean; q?: string }): Promise<Page<Product>> {
  const page = keysetQuery(byExternalId, input.cursor, input.limit);
  const needle = input.q?.toLowerCase();
  const rows = await db
    .select()
    .from(products)
    .where(
      and(
        eq(products.storeId, input.storeId),
        page.where,
        input.unidentified ? and(isNull(products.gtin), or(isNull(products.brand), isNull(products.mpn))) : undefined,
        // instr, not LIKE: what the merchant types is matched as written, "%" and "_" included.
        needle === undefined ? undefined : sql`(instr(lower(${products.name}), ${needle}) > 0 OR instr(lower(${products.externalId}), ${needle}) > 0)`,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return keysetPage(byExternalId, rows, input.limit);
}

export interface ProductFigures {
  reviewCount: number;
  ratingSum: number;
  verifiedCount: number;
  /** Published questions without a published answer. */
  unansweredQuestions: number;
}

/** The dashboard's figures for some products: the trigger-kept statistics and one grouped count of open questions. */
export async function productFigures(db: Db, productIds: number[]): Promise<Map<number, ProductFigures>> {
  const out = new Map<number, ProductFigures>(productIds.map((id) => [id, { reviewCount: 0, ratingSum: 0, verifiedCount: 0, unansweredQuestions: 0 }]));
  if (productIds.length === 0) return out;
  const [stats, open] = await db.batch([
    db.select().from(productStats).where(inArray(productStats.productId, productIds)),
    db
      .select({ productId: questions.productId, n: sql<number>`count(*)` })
      .from(questions)
      .where(and(inArray(questions.productId, productIds), eq(questions.status, 'published'), eq(questions.answerCount, 0)))
      .groupBy(questions.productId),
  ]);
  for (const s of stats) Object.assign(out.get(s.productId)!, { reviewCount: s.count, ratingSum: s.ratingSum, verifiedCount: s.verifiedCount });
  for (const q of open) out.get(q.productId)!.unansweredQuestions = Number(q.n);
  return out;
}

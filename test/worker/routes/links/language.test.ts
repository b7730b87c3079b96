/** The hosted pages speak the buyer's language and wear the store's look; a star clicked in the email only preselects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder, type OrderInput } from '../../../../db/queries/orders';
import { getStore } from '../../../../db/queries/stores';
import { reviews } from '../../../../db/schema';
import { signLink } from '../../../../worker/domain/links';
import { DAY } from '../../../fixtures/orders';
import { createHarness, T0, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const EXP = Math.floor(T0 / 1000) + 30 * 24 * 60 * 60;

async function placeOrder(overrides: Partial<OrderInput> = {}) {
  const store = (await getStore(h.db, 'store-a'))!;
  return recordOrder(
    h.db,
    'store-a',
    {
      externalId: 'ord-1',
      customerEmail: 'kei@example.com',
      customerName: 'Kei',
      orderedAt: T0 - 3 * DAY,
      fulfilledAt: T0 - 2 * DAY,
      cancelledAt: null,
      items: [{ externalId: 'tee', name: 'Organic tee', url: 'https://shop-a.example/products/tee' }],
      source: 'api',
      ...overrides,
    },
    store.settings,
    h.clock.now,
  );
}

const reviewToken = async () => {
  const store = (await getStore(h.db, 'store-a'))!;
  return signLink({ kind: 'review', store: 'store-a', order: 'ord-1', product: 'tee', exp: EXP }, store.linkSecret);
};
const brand = (json: Record<string, unknown>) => h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json });

describe('GET /r/:token?rating=', () => {
  it('renders the 4th star checked and writes nothing', async () => {
    await placeOrder();
    const token = await reviewToken();
    const res = await h.call('GET', `/r/${token}?rating=4`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<input type="radio" name="rating" value="4" required checked>/);
    expect(res.text.match(/ checked>/g)).toHaveLength(1);
    // The enhanced form starts on the same star.
    expect(res.text).toContain('rating="4"');
    expect(await h.db.select().from(reviews)).toHaveLength(0);
    // Still unused: the buyer's submit is what counts.
    const posted = await h.call('POST', `/r/${token}`, { json: { rating: 4, body: 'Soft.', name: 'Kei' } });
    expect(posted.status, posted.text).toBe(201);
  });

  it('ignores a rating that is not 1 to 5', async () => {
    await placeOrder();
    const token = await reviewToken();
    for (const q of ['0', '6', '2.5', 'x', '<script>']) {
      const res = await h.call('GET', `/r/${token}?rating=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.text, q).not.toContain(' checked>');
    }
  });
});

describe('hosted pages in the buyer’s language', () => {
  it('shows /r/ in Japanese for a Japanese order, with lang="ja", and thanks in Japanese with a way back', async () => {
    await placeOrder({ locale: 'ja-JP' });
    const token = await reviewToken();
    const page = await h.call('GET', `/r/${token}`);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('Organic teeはいかがですか？');
    expect(page.text).toContain('locale="ja"');
    const thanks = await h.call('POST', `/r/${token}`, {
      body: new URLSearchParams({ rating: '5', body: 'とても良い', name: 'Kei' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(thanks.status).toBe(201);
    expect(thanks.text).toContain('<html lang="ja">');
    expect(thanks.text).toContain('レビューありがとうございます');
    expect(thanks.text).toContain('<a href="https://shop-a.example/products/tee">Organic teeに戻る</a>');
    const used = await h.call('GET', `/r/${token}`);
    expect(used.status).toBe(409);
    expect(used.text).toContain('<html lang="ja">');
    expect(used.text).toContain('レビュー済みです');
  });

  it('falls back to the store’s language when the order names one Verity does not speak', async () => {
    expect((await brand({ locale: 'de' })).status).toBe(200);
    await placeOrder({ locale: 'it-IT' });
    const page = await h.call('GET', `/r/${await reviewToken()}`);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('Wie gefällt Ihnen Organic tee?');
  });

  it('shows /u/ in the language its email gave it', async () => {
    const store = (await getStore(h.db, 'store-a'))!;
    const token = await signLink({ kind: 'unsubscribe', store: 'store-a', email: 'kei@example.com', exp: EXP }, store.linkSecret);
    const page = await h.call('GET', `/u/${token}?lang=ja`);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('配信を停止');
    expect(page.text).toContain(`action="/u/${token}?lang=ja"`);
  });
});

describe('hosted pages in the store’s look', () => {
  it('shows the logo linking to the storefront and the accent colour', async () => {
    const res = await brand({ logoUrl: 'https://cdn.shop-a.example/logo.png', accentColor: '#0f766e', allowedOrigins: ['https://shop-a.example'] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ logoUrl: 'https://cdn.shop-a.example/logo.png', accentColor: '#0f766e', locale: 'en' });
    await placeOrder();
    const page = await h.call('GET', `/r/${await reviewToken()}`);
    expect(page.text).toContain('<a class="brand" href="https://shop-a.example"><img src="https://cdn.shop-a.example/logo.png" alt="Store store-a"></a>');
    expect(page.text).toContain('--accent: #0f766e;');
  });

  it('refuses an accent colour that is not hex, an http logo or an unknown locale, and changes nothing', async () => {
    for (const [json, message] of [
      [{ accentColor: 'red;background:url(x)' }, 'accentColor must be a hex colour'],
      [{ logoUrl: 'http://cdn.shop-a.example/logo.png' }, 'logoUrl must be an https URL'],
      [{ locale: 'it' }, 'locale must be one of en, de, fr, es, ja'],
    ] as const) {
      const res = await brand(json);
      expect(res.status).toBe(400);
      expect(res.text).toContain(message);
    }
    const store = (await h.call('GET', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey })).body;
    expect(store).toMatchObject({ locale: 'en', logoUrl: null, accentColor: null });
  });
});

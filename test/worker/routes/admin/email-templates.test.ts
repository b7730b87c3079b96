/** The merchant's own wording of buyers' emails: safe placeholders only, audited, owners only, and used by the next email. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../../db/queries/orders';
import { upsertProducts } from '../../../../db/queries/products';
import { getStore } from '../../../../db/queries/stores';
import { auditLog } from '../../../../db/schema';
import { createStore } from '../../../../worker/domain/store-keys';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { makeMember, signIn } from '../../../helpers/admin';
import { createHarness, T0, type Harness } from '../../../helpers/harness';
import { RecordingTransport } from '../../../helpers/transport';
import { DAY } from '../../../fixtures/orders';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const BASE = '/v1/admin/stores/store-a/email-templates';
const asOwner = (init: Parameters<Harness['call']>[2] = {}) => ({ ...init, key: h.a.keys.secretKey });

describe('GET …/email-templates', () => {
  it('lists every kind in every language with the built-in wording and its placeholders', async () => {
    const res = await h.call('GET', BASE, asOwner());
    expect(res.status).toBe(200);
    expect(res.body.templates).toHaveLength(4 * 5);
    const de = res.body.templates.find((t: { kind: string; locale: string }) => t.kind === 'request' && t.locale === 'de');
    expect(de).toMatchObject({ subject: 'Wie gefällt Ihnen {{productNames}}?', custom: false, placeholders: ['{{customerName}}', '{{storeName}}', '{{productNames}}'], updatedAt: null });
  });

  it('is for owners only: a moderator may neither read nor change the templates', async () => {
    const mod = await makeMember(h, { store: 'store-a', role: 'moderator' });
    const session = await signIn(h, mod.email);
    expect((await h.call('GET', BASE, session.as())).status).toBe(403);
    expect((await h.call('PUT', `${BASE}/request/de`, session.as({ json: { subject: 'x', body: 'y' } }))).status).toBe(403);
    expect((await h.call('POST', `${BASE}/preview`, session.as({ json: { kind: 'request', locale: 'de', subject: 'x', body: 'y' } }))).status).toBe(403);
  });
});

describe('PUT …/email-templates/:kind/:locale', () => {
  it('saves, audits, and the next German request uses it; reset goes back to the built-in text', async () => {
    const wording = { subject: 'Ihre Meinung zu {{productNames}}, {{customerName}}?', body: 'Hallo {{customerName}},\n\nwir von {{storeName}} freuen uns über ein paar Worte.' };
    const saved = await h.call('PUT', `${BASE}/request/de`, asOwner({ json: wording }));
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ ...wording, custom: true, kind: 'request', locale: 'de' });
    const entries = await h.db.select().from(auditLog);
    expect(entries.map((e) => [e.action, e.targetId])).toContainEqual(['email-template.update', 'request/de']);

    const store = (await getStore(h.db, 'store-a'))!;
    const order = { orderedAt: T0 - 3 * DAY, fulfilledAt: T0, cancelledAt: null, items: [{ externalId: 'tee', name: 'Tee' }], source: 'api' as const, customerName: 'Jonas' };
    await recordOrder(h.db, 'store-a', { ...order, externalId: 'de-1', customerEmail: 'jonas@example.com', locale: 'de' }, store.settings, h.clock.now);
    await recordOrder(h.db, 'store-a', { ...order, externalId: 'en-1', customerEmail: 'jo@example.com' }, store.settings, h.clock.now);
    const transport = new RecordingTransport();
    await runScheduler(h.db, { now: h.clock.now + 7 * DAY, baseUrl: 'https://reviews.example', transport });
    const german = transport.sent.find((m) => m.toAddress === 'jonas@example.com')!;
    expect(german.subject).toBe('Ihre Meinung zu Tee, Jonas?');
    expect(german.text).toContain('wir von Store store-a freuen uns über ein paar Worte.');
    expect(transport.sent.find((m) => m.toAddress === 'jo@example.com')!.subject).toBe('How do you like Tee?');

    const reset = await h.call('DELETE', `${BASE}/request/de`, asOwner());
    expect(reset.body).toMatchObject({ subject: 'Wie gefällt Ihnen {{productNames}}?', custom: false });
    expect((await h.db.select().from(auditLog)).map((e) => e.action)).toContain('email-template.reset');
  });

  it('refuses an unknown placeholder with 422 naming it, and saves nothing', async () => {
    for (const [field, json] of [
      ['body', { subject: 'Hi', body: 'Hi {{customerEmail}}' }],
      ['subject', { subject: 'About {{question}}', body: 'Hi' }],
    ] as const) {
      const res = await h.call('PUT', `${BASE}/request/en`, asOwner({ json }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('UNKNOWN_PLACEHOLDER');
      expect(res.body.error.details).toMatchObject({ field });
      expect(res.body.error.message).toContain(field === 'body' ? '{{customerEmail}}' : '{{question}}');
    }
    // {{answeredBy}} belongs to the answered email, not to the request.
    expect((await h.call('PUT', `${BASE}/request/en`, asOwner({ json: { subject: 'x', body: '{{answeredBy}}' } }))).status).toBe(422);
    const list = await h.call('GET', BASE, asOwner());
    expect(list.body.templates.every((t: { custom: boolean }) => !t.custom)).toBe(true);
  });

  it('refuses an unknown kind or language, an empty text and a two-line subject', async () => {
    expect((await h.call('PUT', `${BASE}/welcome/en`, asOwner({ json: { subject: 'x', body: 'y' } }))).status).toBe(400);
    expect((await h.call('PUT', `${BASE}/request/it`, asOwner({ json: { subject: 'x', body: 'y' } }))).status).toBe(400);
    expect((await h.call('PUT', `${BASE}/request/en`, asOwner({ json: { subject: 'x', body: '  ' } }))).body.error.message).toContain('body is required');
    expect((await h.call('PUT', `${BASE}/request/en`, asOwner({ json: { subject: 'a\nBcc: x@evil.example', body: 'y' } }))).body.error.message).toContain('subject must be one line');
  });
});

describe('POST …/email-templates/preview', () => {
  it('renders the email with the store’s look, escaping markup in the text', async () => {
    const res = await h.call('POST', `${BASE}/preview`, asOwner({ json: { kind: 'request', locale: 'ja', subject: '{{productNames}}', body: '<script>alert(1)</script> {{customerName}}様' } }));
    expect(res.status, res.text).toBe(200);
    // The store's own first products, so the merchant sees their catalogue's names and pictures.
    expect(res.body.subject).toBe('store-a mug、store-a tee');
    expect(res.body.html).toContain('<html lang="ja">');
    expect(res.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Alex様');
    expect(res.body.html).not.toContain('<script>');
    expect(res.body.html).toContain('?rating=4');
  });

  it('shows the made-up products when the store has none yet', async () => {
    const { keys } = await createStore(h.db, { id: 'empty', name: 'Empty' }, h.clock.now);
    const res = await h.call('POST', '/v1/admin/stores/empty/email-templates/preview', { key: keys.secretKey, json: { kind: 'request', locale: 'en', subject: '{{productNames}}', body: 'x' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.subject).toBe('Organic tee and Enamel mug');
  });

  it('names an unknown placeholder, as saving would', async () => {
    const res = await h.call('POST', `${BASE}/preview`, asOwner({ json: { kind: 'answered', locale: 'en', subject: '{{customerName}}', body: 'x' } }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.placeholder).toBe('customerName');
  });
});

describe('GET …/email-templates/preview.html', () => {
  const query = (q: Record<string, string>) => `${BASE}/preview.html?${new URLSearchParams(q)}`;

  it('is the HTML part as its own document, under a CSP that allows its inline styles and nothing that runs', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'mug', name: 'Mug', imageUrl: 'https://cdn.example/mug.jpg' }], h.clock.now);
    const res = await h.call('GET', query({ kind: 'request', locale: 'de', subject: 'Hallo', body: '<script>alert(1)</script> {{customerName}}' }), asOwner());
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Alex');
    expect(res.text).not.toContain('<script');
    expect(res.text).toContain('<img src="https://cdn.example/mug.jpg"');
    expect(res.text).toContain('?rating=4');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain("img-src https: data: 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a request another site started, an unknown placeholder and a moderator', async () => {
    const ok = { kind: 'request', locale: 'en', subject: 'x', body: 'y' };
    expect((await h.call('GET', query(ok), asOwner({ headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe' } }))).status).toBe(200);
    const crossSite = await h.call('GET', query(ok), asOwner({ headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe' } }));
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('FORBIDDEN');
    expect((await h.call('GET', query(ok), asOwner({ headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'document' } }))).status).toBe(403);
    const unknown = await h.call('GET', query({ ...ok, kind: 'answered', subject: '{{customerName}}' }), asOwner());
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_PLACEHOLDER');
    expect((await h.call('GET', query({ ...ok, kind: 'nope' }), asOwner())).status).toBe(400);
    const mod = await makeMember(h, { store: 'store-a', role: 'moderator' });
    expect((await h.call('GET', query(ok), (await signIn(h, mod.email)).as())).status).toBe(403);
  });
});

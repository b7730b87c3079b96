/** Authors own their words: the emailed edit link, the /e/ page that edits or deletes, and asking for links again. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getStore } from '../../../../db/queries/stores';
import { outbox, reviews, reviewVotes, type Store } from '../../../../db/schema';
import { signLink, type EditClaims } from '../../../../worker/domain/links';
import { MemoryRateLimiter } from '../../../../worker/lib/rate-limiter';
import { emailedLinks } from '../../../fixtures/links';
import { makeReviewInput, voterToken } from '../../../fixtures/reviews';
import { createHarness, ORIGIN_A, ORIGIN_B, type Harness } from '../../../helpers/harness';

let h: Harness;
let storeA: Store;
beforeEach(async () => {
  h = await createHarness();
  storeA = (await getStore(h.db, 'store-a'))!;
});
afterEach(() => h.close());

const FORM = 'application/x-www-form-urlencoded';
const DAY = 24 * 60 * 60 * 1000;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const admin = () => ({ key: h.a.keys.secretKey });

/** A review written through the public API, and the edit link its author was emailed. */
async function write(overrides: Record<string, unknown> = {}, store = 'store-a', origin = ORIGIN_A) {
  const before = new Set(await emailedLinks(h.db, 'e'));
  const res = await h.call('POST', `/v1/stores/${store}/products/tee/reviews`, { origin, json: makeReviewInput({ rating: 5, author: { name: 'Fay', email: 'Fay@Example.com' }, ...overrides }) });
  expect(res.status, res.text).toBe(201);
  const link = (await emailedLinks(h.db, 'e')).find((l) => !before.has(l));
  return { id: res.body.id as string, link: link! };
}

const summary = async () => (await h.call('GET', '/v1/stores/store-a/summaries?products=tee')).body.summaries;
const row = async (id: string) => h.db.select().from(reviews).where(eq(reviews.id, id)).get();
const edit = (link: string, fields: Record<string, string>) => h.call('POST', link, { body: form(fields), contentType: FORM });
const auditOf = async () => (await h.call('GET', '/v1/admin/stores/store-a/audit', admin())).body.entries as Array<{ action: string; actor: { kind: string; id: string }; target: { id: string } }>;
const editToken = (claims: Partial<EditClaims>, secret = storeA.linkSecret) =>
  signLink({ kind: 'edit', store: 'store-a', review: 'rv_000000000000000000000000', v: 0, exp: Math.floor(h.clock.now / 1000) + 3600, ...claims }, secret);

describe('the edit link email', () => {
  it('goes to the author once their review is stored, and opens their review', async () => {
    const { link } = await write();
    const [email] = await h.db.select().from(outbox).where(eq(outbox.subject, 'Your review of store-a tee — edit or delete it'));
    expect(email?.toAddress).toBe('fay@example.com');
    const page = await h.call('GET', link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('Your review of store-a tee');
    expect(page.text).toMatch(/value="5" required checked/);
  });

  it('is written in the language the review was written in, with the store\'s look', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { ...admin(), json: { accentColor: '#0f766e' } });
    await write({ locale: 'de-AT' });
    const [email] = await h.db.select().from(outbox).where(eq(outbox.subject, 'Ihre Rezension zu store-a tee – bearbeiten oder löschen'));
    expect(email?.text).toContain('Danke für Ihre Rezension zu store-a tee');
    expect(email?.text).toContain('Rezension bearbeiten oder löschen: http');
    expect(email?.html).toContain('lang="de"');
    expect(email?.html).toContain('#0f766e');
  });

  it('opens pages in that language, from the form through saving, a used link and deleting', async () => {
    const { link } = await write({ locale: 'de-AT' });
    const page = await h.call('GET', link);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('Ihre Rezension zu store-a tee');
    expect(page.text).toContain('Änderungen speichern');
    expect(page.text).not.toContain('Save changes');
    const saved = await edit(link, { rating: '4', body: 'Immer noch gut.' });
    expect(saved.text).toContain('Ihre Änderungen sind gespeichert');
    expect(saved.text).toContain('Ihre Rezension zu store-a tee ist veröffentlicht.');
    const used = await h.call('GET', link);
    expect(used.status).toBe(409);
    expect(used.text).toContain('Dieser Link funktioniert nicht mehr');
    const [fresh] = (await emailedLinks(h.db, 'e')).slice(-1);
    expect((await h.call('GET', `${fresh}/delete`)).text).toContain('Ihre Rezension zu store-a tee löschen?');
    const deleted = await h.call('POST', `${fresh}/delete`, { body: form({ confirm: 'yes' }), contentType: FORM });
    expect(deleted.text).toContain('Ihre Rezension ist gelöscht');
    expect(deleted.text).toContain('<html lang="de">');
  });

  it('is not sent for a review filed as spam', async () => {
    await write({ website: 'http://spam.example' });
    expect(await emailedLinks(h.db, 'e')).toEqual([]);
  });
});

describe('GET /e/:token', () => {
  it('refuses a link whose signature was tampered with', async () => {
    const { link } = await write();
    const [payload, mac] = link.slice(3).split('.') as [string, string];
    const other = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...other, review: 'rv_000000000000000000000000' })).toString('base64url');
    for (const token of [`${forged}.${mac}`, `${payload}.${mac.slice(0, -2)}xx`, payload]) {
      const res = await h.call('GET', `/e/${token}`);
      expect(res.status).toBe(403);
      expect(res.text).toContain('This link does not work');
    }
  });

  it('expires after 180 days', async () => {
    const { link } = await write();
    h.clock.advance(179 * DAY);
    expect((await h.call('GET', link)).status).toBe(200);
    h.clock.advance(2 * DAY);
    const res = await h.call('GET', link);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This link has expired');
    expect((await h.call('POST', link, { json: { rating: 1, body: 'late' } })).body.error.code).toBe('LINK_EXPIRED');
  });

  it('offers an expired link’s author a new one, sent only to the address the review was written with', async () => {
    const { id, link } = await write();
    h.clock.advance(181 * DAY);
    const expired = await h.call('GET', link);
    expect(expired.text).toContain(`<form method="post" action="${link}/renew">`);
    const renewed = await h.call('POST', `${link}/renew`, { body: '', contentType: FORM });
    expect(renewed.status).toBe(202);
    expect(renewed.text).toContain('A new link is on its way');
    const links = await emailedLinks(h.db, 'e');
    expect(links).toHaveLength(2);
    expect((await h.call('POST', links[1]!, { json: { rating: 2, body: 'Renewed.' } })).body.id).toBe(id);
    // A forged token renews nothing; a used one answers the same as a good one and sends nothing.
    expect((await h.call('POST', `/e/${await editToken({ review: id }, 'not the secret')}/renew`)).status).toBe(403);
    const used = await h.call('POST', `${link}/renew`, { body: '', contentType: FORM });
    expect(used.text).toBe(renewed.text);
    // Three: the first, the renewed one, and the one sent after the edit.
    expect(await emailedLinks(h.db, 'e')).toHaveLength(3);
  });

  it('never reaches another store’s review: its own store’s secret signs only its own reviews', async () => {
    const { id } = await write({}, 'store-b', ORIGIN_B);
    const storeB = (await getStore(h.db, 'store-b'))!;
    // Signed by store A for B's review: A's reviews do not include it.
    const mine = await h.call('POST', `/e/${await editToken({ review: id })}`, { json: { rating: 1, body: 'hijacked' } });
    expect(mine.status).toBe(409);
    // Naming store B but signed with A's secret: B's secret does not verify it.
    const forged = await h.call('POST', `/e/${await editToken({ store: 'store-b', review: id }, storeA.linkSecret)}`, { json: { rating: 1, body: 'hijacked' } });
    expect(forged.body.error.code).toBe('INVALID_LINK');
    // A link of another kind is not an edit link, even from the right store.
    const review = await signLink({ kind: 'review', store: 'store-b', order: 'o', product: 'tee', exp: Math.floor(h.clock.now / 1000) + 60 }, storeB.linkSecret);
    expect((await h.call('GET', `/e/${review}`)).status).toBe(403);
    expect((await row(id))?.body).not.toBe('hijacked');
  });
});

describe('POST /e/:token', () => {
  it('saves the new rating and words, keeps the verified flag, records the edit and moves the statistics exactly', async () => {
    await write({ author: { name: 'Other', email: 'other@example.com' }, rating: 3 });
    const { id, link } = await write();
    await h.db.update(reviews).set({ verified: true, orderId: 'ord-1' }).where(eq(reviews.id, id));
    expect(await summary()).toMatchObject({ tee: { count: 2, average: 4, histogram: { 3: 1, 5: 1 }, verifiedCount: 1 } });

    h.clock.advance(DAY);
    const res = await edit(link, { rating: '2', title: 'Worn out', body: 'After a month it **pilled**.' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your review of store-a tee is published.');

    expect(await summary()).toMatchObject({ tee: { count: 2, average: 2.5, histogram: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 }, verifiedCount: 1 } });
    const saved = await row(id);
    expect(saved).toMatchObject({ rating: 2, title: 'Worn out', verified: true, orderId: 'ord-1', editedAt: h.clock.now, status: 'published' });
    expect(saved?.bodyHtml).toContain('<strong>pilled</strong>');
    const listed = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews.find((r: { id: string }) => r.id === id);
    expect(listed).toMatchObject({ rating: 2, verified: true, editedAt: new Date(h.clock.now).toISOString() });
    const [entry] = await auditOf();
    expect(entry).toMatchObject({ action: 'review.edit', actor: { kind: 'author', id }, target: { id }, details: { rating: { from: 5, to: 2 } } });
  });

  it('links the saved page back to the product, as the review page’s thanks do', async () => {
    await h.call('PUT', '/v1/admin/stores/store-a/products/tee', { ...admin(), json: { name: 'store-a tee', url: 'https://shop-a.example/products/tee' } });
    const { link } = await write();
    const res = await edit(link, { rating: '4', body: 'Still good.' });
    expect(res.text).toContain('<a href="https://shop-a.example/products/tee">Back to store-a tee</a>');
  });

  it('makes older links stop working, so an old email cannot undo a newer edit; a fresh link is emailed', async () => {
    const { id, link } = await write();
    expect((await edit(link, { rating: '4', body: 'Second thoughts.' })).status).toBe(200);
    const again = await h.call('POST', link, { json: { rating: 5, body: 'the first words again' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');
    expect((await h.call('GET', link)).text).toContain('This link no longer works');
    const links = await emailedLinks(h.db, 'e');
    expect(links).toHaveLength(2);
    expect((await h.call('POST', links[1]!, { json: { rating: 3, body: 'Third.' } })).body).toMatchObject({ id, status: 'published' });
    expect((await row(id))?.rating).toBe(3);
  });

  it('moderates the edit again by the store’s policy: a store that holds reviews gets it back as pending', async () => {
    const { id, link } = await write();
    expect(await summary()).toMatchObject({ tee: { count: 1 } });
    expect((await h.call('PATCH', '/v1/admin/stores/store-a', { ...admin(), json: { moderation: 'hold' } })).status).toBe(200);
    const res = await edit(link, { rating: '1', body: 'Changed my mind.' });
    expect(res.text).toContain('will appear once Store store-a has looked at it');
    expect((await row(id))?.status).toBe('pending');
    expect(await summary()).toMatchObject({ tee: { count: 0 } });
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews).toEqual([]);
  });

  it('keeps a review the store rejected rejected', async () => {
    const { id, link } = await write();
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${id}`, { ...admin(), json: { status: 'rejected' } });
    expect((await h.call('POST', link, { json: { rating: 5, body: 'Please publish me now.' } })).body.status).toBe('rejected');
    expect(await row(id)).toMatchObject({ status: 'rejected', body: 'Please publish me now.' });
  });

  it('refuses what a new review would refuse, with the form refilled, and changes nothing', async () => {
    const { id, link } = await write();
    const before = await row(id);
    const res = await edit(link, { rating: '7', title: 'x', body: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('rating must be an integer from 1 to 5');
    expect(res.text).toContain('body must not be empty');
    expect(res.text).toContain('value="x"');
    expect(await row(id)).toEqual(before);
    expect((await h.call('POST', link, { json: { rating: 4, body: 'x'.repeat(20_001) } })).body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('deleting through the link', () => {
  it('asks first, then deletes the review with its votes, moves the statistics and logs it', async () => {
    const { id, link } = await write();
    await h.call('POST', `/v1/stores/store-a/reviews/${id}/votes`, { origin: ORIGIN_A, json: { value: 1, voter: voterToken(1) } });
    const ask = await h.call('GET', `${link}/delete`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain(`<form method="post" action="${link}/delete">`);
    expect(await row(id)).toBeDefined();

    const res = await h.call('POST', `${link}/delete`, { body: form({ confirm: 'yes' }), contentType: FORM });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your review is deleted');
    expect(await row(id)).toBeUndefined();
    expect(await h.db.select().from(reviewVotes).where(eq(reviewVotes.reviewId, id))).toEqual([]);
    expect(await summary()).toMatchObject({ tee: { count: 0 } });
    expect((await auditOf())[0]).toMatchObject({ action: 'review.delete', actor: { kind: 'author', id } });
    expect((await h.call('GET', link)).status).toBe(409);
  });
});

describe('POST /v1/stores/:store/reviews/edit-link', () => {
  const ask = (json: unknown, store = 'store-a', origin = ORIGIN_A) => h.call('POST', `/v1/stores/${store}/reviews/edit-link`, { origin, json });

  it('answers the same for an address with reviews and one without, and emails only the author, only this store’s', async () => {
    const { id } = await write();
    await write({}, 'store-b', ORIGIN_B);
    const sent = (await emailedLinks(h.db, 'e')).length;
    const known = await ask({ email: 'FAY@example.com' });
    const unknown = await ask({ email: 'nobody@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const links = await emailedLinks(h.db, 'e');
    expect(links).toHaveLength(sent + 1);
    expect((await h.call('POST', links.at(-1)!, { json: { rating: 4, body: 'Via a requested link.' } })).body.id).toBe(id);
    const asked = await h.db.select().from(outbox).where(eq(outbox.toAddress, 'nobody@example.com'));
    expect(asked).toEqual([]);
  });

  it('sends one email per review a day however often it is asked, and only the named review when one is', async () => {
    const first = await write();
    await write({ title: 'second' });
    const sent = (await emailedLinks(h.db, 'e')).length;
    await ask({ email: 'fay@example.com', review: first.id });
    await ask({ email: 'fay@example.com', review: first.id });
    expect(await emailedLinks(h.db, 'e')).toHaveLength(sent + 1);
    await ask({ email: 'other@example.com', review: first.id });
    expect(await emailedLinks(h.db, 'e')).toHaveLength(sent + 1);
  });

  it('refuses a malformed address', async () => {
    const res = await ask({ email: 'not an address' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('email must be a valid email address');
  });

  it('is rate-limited like every public write', async () => {
    const limited = await createHarness({ rateLimiter: new MemoryRateLimiter({ limit: 1, windowSeconds: 60 }) });
    try {
      const send = () => limited.call('POST', '/v1/stores/store-a/reviews/edit-link', { origin: ORIGIN_A, json: { email: 'fay@example.com' } });
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(429);
    } finally {
      limited.close();
    }
  });
});

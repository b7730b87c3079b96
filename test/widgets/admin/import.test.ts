/**
 * The "Import & export" page in Chromium, as a merchant switching from
 * Judge.me tries it: import their export into the demo store from the
 * dashboard, watch it run, read the row it refused, and find the imported
 * reviews on /demo with their original dates.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPage, seriousViolations } from '../../helpers/browser';
import { dashboard, signIn, status, unexpected } from './dashboard';

const d = dashboard();
const fixture = fileURLToPath(new URL('../../fixtures/imports/judgeme-demo.csv', import.meta.url));

describe('Import & export', () => {
  it('imports a Judge.me export with a bad row, shows progress and the row error, and /demo shows the reviews with their dates', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await page.getByRole('link', { name: 'Import & export' }).click();
    const screen = page.locator('verity-admin-import');
    await screen.getByLabel('File (CSV or JSON)').setInputFiles(fixture);
    await screen.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => screen.getByLabel('Import progress').count()).toBe(1);
    await expect.poll(() => status(page)).toBe('Import finished: 2 imported');
    await expect.poll(() => screen.getByRole('heading', { level: 2, name: /Import finished/ }).textContent()).toContain('Judge.me');
    await expect.poll(() => screen.getByLabel('Import progress').getAttribute('value')).toBe('1');
    expect(await screen.locator('section[aria-live] p').first().textContent()).toBe('3 rows read: 2 imported, 0 already here, 1 not imported');
    const row = screen.getByRole('table').locator('tbody tr');
    expect(await row.locator('td').allTextContents()).toEqual(['4', 'rating', 'the rating is required']);
    expect(await screen.getByRole('link', { name: 'reviews.csv' }).getAttribute('href')).toBe('/v1/admin/stores/demo/exports/reviews.csv');
    expect(await seriousViolations(page)).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
    await close();

    const shop = await openPage(d.browser, `${d.server.url}/demo`);
    const review = shop.page.locator('verity-reviews .review').filter({ hasText: 'Still soft after a year' });
    // Older than the demo's own reviews, so further down the list: as a shopper would, show more until it is there.
    await shop.page.locator('verity-reviews .review').first().waitFor();
    const listed = shop.page.locator('verity-reviews .review');
    while ((await review.count()) === 0) {
      // Wait for each page to render before looking again: the last page has no "Show more" to click.
      const shown = await listed.count();
      await shop.page.locator('verity-reviews').getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => listed.count()).toBeGreaterThan(shown);
    }
    await expect.poll(() => review.locator('time').getAttribute('datetime')).toBe('2025-06-14T10:00:00.000Z');
    await expect.poll(() => review.locator('.reply').textContent()).toContain('Thanks Greta!');
    await shop.close();
  });

  it("imports a votes file as Votes: the store's own votes are already here, and a vote on a review not imported yet is a row error", async () => {
    const auth = { authorization: `Bearer ${d.server.secretKey}` };
    const [review] = ((await (await fetch(`${d.server.url}/v1/admin/stores/demo/reviews?status=published&limit=1`, { headers: auth })).json()) as { reviews: Array<{ id: string }> }).reviews;
    const vote = await fetch(`${d.server.url}/v1/stores/demo/reviews/${review!.id}/votes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 'helpful', voter: 'voter_dashboard_import_01' }) });
    expect(vote.status, await vote.clone().text()).toBe(200);
    const exported = await (await fetch(`${d.server.url}/v1/admin/stores/demo/exports/votes.csv`, { headers: auth })).text();
    const file = join(mkdtempSync(join(tmpdir(), 'verity-votes-')), 'votes.csv');
    writeFileSync(file, `${exported.trimEnd()}\r\nreview,rv_elsewhere,${'a'.repeat(64)},1,2024-01-01T00:00:00.000Z,verity:rv_elsewhere\r\n`);
    const rows = exported.trim().split('\r\n').length - 1;

    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/import' });
    const screen = page.locator('verity-admin-import');
    await screen.getByLabel('File (CSV or JSON)').setInputFiles(file);
    await screen.getByLabel('Contains').selectOption({ label: "Votes (Verity's votes file, after its reviews and questions)" });
    await screen.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => status(page)).toBe('Import finished: 0 imported');
    expect(await screen.locator('section[aria-live] p').first().textContent()).toBe(`${rows + 1} rows read: 0 imported, ${rows} already here, 1 not imported`);
    expect(await screen.getByRole('table').locator('tbody tr td').allTextContents()).toEqual([String(rows + 2), 'target_source_key', 'review "verity:rv_elsewhere" is not in this store: import the reviews first']);
    expect(await seriousViolations(page)).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('sets each card’s content in from its border, on a phone too', async () => {
    const { page, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/import', viewport: { width: 390, height: 844 } });
    const screen = page.locator('verity-admin-import');
    await screen.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    // The space between each card's border and its heading, in CSS pixels: the text sat on the border.
    const insets = await screen.locator('section.card').evaluateAll((cards) =>
      cards.map((card) => {
        const heading = card.querySelector('h2')!.getBoundingClientRect();
        const box = card.getBoundingClientRect();
        return Math.min(heading.left - box.left, heading.top - box.top);
      }),
    );
    expect(insets.length).toBeGreaterThan(0);
    for (const inset of insets) expect(inset).toBeGreaterThanOrEqual(8);
    await close();
  });
});

/**
 * The dashboard at /admin in Chromium, as a new merchant uses it after
 * `npm start`: sign in with the demo owner, hold new reviews, work through
 * the inbox with the keyboard, reply and see the reply on the storefront,
 * invite a moderator who joins from the emailed link, and find every action
 * in the audit log. The tests run in order on one server: each says what it
 * starts from.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../helpers/browser';
import { alert, arrange, unexpected, dashboard, inboxTitles, outboxEmails, shopperReview, signIn, status } from './dashboard';

const d = dashboard();

const reviewStatus = async (id: string) => ((await arrange(d.server, 'GET', '/reviews?limit=100')).reviews as Array<{ id: string; status: string }>).find((r) => r.id === id)?.status;

/** Presses a key with nothing focused that takes text, as a merchant working through the list does. */
async function press(page: Page, key: string) {
  await page.keyboard.press(key);
}

const focusedItemTitle = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.closest('.item')?.querySelector('.title')?.textContent ?? null;
  });

const ids: Record<string, string> = {};


describe('the dashboard', () => {
  it('refuses a wrong password with the reason, then signs the demo owner in to the inbox', async () => {
    const { page, errors, close } = await openPage(d.browser, `${d.server.url}/admin`);
    await page.getByLabel('Email').fill(d.server.admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'do not match' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Inbox' }).count()).toBe(0);

    await page.getByLabel('Password').fill(d.server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inbox', level: 1 }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/admin/stores/demo/inbox');
    expect(await page.locator('verity-admin-app .user').textContent()).toContain(d.server.admin.email);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('changes the moderation policy to hold everything, and the next review waits in the inbox', async () => {
    // Signing in from a deep link lands on that page.
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/settings' });
    expect(await page.getByRole('heading', { name: 'Settings', level: 1 }).count()).toBe(1);
    const moderation = page.locator('verity-admin-settings form').filter({ has: page.getByRole('heading', { name: 'Moderation' }) });
    expect(await moderation.textContent()).toContain('never holds or publishes by rating');
    await moderation.getByRole('radio', { name: /Hold everything/ }).check();
    await moderation.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toBe('Moderation: saved');
    expect((await arrange(d.server, 'GET', '')).moderation).toBe('hold');

    const older = await shopperReview(d.server, { rating: 2, title: 'Seams came apart', body: 'After **two washes** the side seam opened.', name: 'Ana', email: 'ana@example.com' });
    const newer = await shopperReview(d.server, { rating: 5, title: 'Perfect weight', body: 'Soft, not see-through, kept its shape.', name: 'Ben', email: 'ben@example.com' });
    expect([older.status, newer.status]).toEqual(['pending', 'pending']);
    Object.assign(ids, { older: older.id, newer: newer.id });

    await page.getByRole('link', { name: /^Inbox/ }).click();
    await expect.poll(() => inboxTitles(page)).toEqual(['Perfect weight', 'Seams came apart']);
    expect(await page.getByRole('tab', { name: /Reviews/ }).textContent()).toContain('2');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('moderates pending reviews with the keyboard: j/k move, r rejects, p publishes, ? lists the keys', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await expect.poll(() => inboxTitles(page)).toEqual(['Perfect weight', 'Seams came apart']);

    await press(page, 'j');
    await expect.poll(() => focusedItemTitle(page)).toBe('Seams came apart');
    await press(page, 'k');
    await expect.poll(() => focusedItemTitle(page)).toBe('Perfect weight');
    await press(page, 'j');
    await press(page, 'r');
    await expect.poll(() => status(page)).toBe('Rejected: 1 item');
    await expect.poll(() => inboxTitles(page)).toEqual(['Perfect weight']);
    expect(await reviewStatus(ids.older!)).toBe('rejected');

    await press(page, 'p');
    await expect.poll(() => status(page)).toBe('Published: 1 item');
    await expect.poll(() => page.locator('verity-admin-inbox .empty').textContent()).toContain('All caught up');
    expect(await reviewStatus(ids.newer!)).toBe('published');

    await press(page, '?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.textContent()).toContain('publish');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);

    await press(page, '/');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.getAttribute('type'))).toBe('search');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('selects with x and acts on the selection in bulk', async () => {
    const a = await shopperReview(d.server, { rating: 4, title: 'Runs large', body: 'Order one size down.', name: 'Cy', email: 'cy@example.com' });
    const b = await shopperReview(d.server, { rating: 1, title: 'Buy now at spam.example', body: 'Cheap watches at spam.example', name: 'Bot', email: 'bot@example.com' });
    const { page, errors, close } = await signIn(d.browser, d.server);
    await expect.poll(() => inboxTitles(page)).toEqual(['Buy now at spam.example', 'Runs large']);
    await press(page, 'x');
    await press(page, 'j');
    await press(page, 'x');
    await expect.poll(() => page.locator('verity-admin-inbox .bulk').textContent()).toContain('2 selected');
    await page.locator('verity-admin-inbox .bulk').getByRole('button', { name: /^Spam/ }).click();
    await expect.poll(() => status(page)).toBe('Marked as spam: 2 items');
    expect([await reviewStatus(a.id), await reviewStatus(b.id)]).toEqual(['spam', 'spam']);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('blocks an author from the inbox: the item becomes spam and what they send next is spam too', async () => {
    const first = await shopperReview(d.server, { rating: 5, title: 'Visit cheap-watches.example', body: 'Best prices at cheap-watches.example', name: 'Watch Bot', email: 'watches@spam.example' });
    const { page, errors, close } = await signIn(d.browser, d.server);
    await expect.poll(() => inboxTitles(page)).toEqual(['Visit cheap-watches.example']);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('verity-admin-inbox').getByRole('button', { name: 'Block author…' }).click();
    await expect.poll(() => status(page)).toBe('Marked as spam: 1 item');
    expect(await reviewStatus(first.id)).toBe('spam');
    expect((await arrange(d.server, 'GET', '')).blockList).toContain('watches@spam.example');
    const next = await shopperReview(d.server, { rating: 5, title: 'Again', body: 'cheap-watches.example', name: 'Watch Bot', email: 'watches@spam.example' });
    expect(await reviewStatus(next.id)).toBe('spam');
    await page.reload();
    await expect.poll(() => page.locator('verity-admin-inbox .empty').textContent()).toContain('All caught up');
    expect(unexpected(errors)).toEqual([]);
    // The block list now also holds this writer's address hash, which every shopper of these tests
    // shares (they all write from 127.0.0.1): take the store back to an empty list for the next tests.
    const blocked = (await arrange(d.server, 'GET', '')).blockList as string[];
    expect(blocked.some((entry) => entry.startsWith('addr:'))).toBe(true);
    await arrange(d.server, 'PATCH', '', { blockList: [] });
    await close();
  });

  it('replies to a review in Markdown with a live preview, and /demo shows the reply', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    const inbox = page.locator('verity-admin-inbox');
    await inbox.getByLabel('Status').selectOption('published');
    await expect.poll(() => inboxTitles(page).then((t) => t[0])).toBe('Perfect weight');
    await press(page, 'e');
    const editor = inbox.locator('verity-admin-reply-editor');
    await editor.getByLabel('Public reply (Markdown)').fill('Thank you, **Ben**! Glad it keeps its shape.');
    await expect.poll(() => editor.getByRole('region', { name: 'Preview' }).locator('strong').textContent()).toBe('Ben');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => status(page)).toBe('Reply published');
    await expect.poll(() => editor.locator('.published').textContent()).toContain('Thank you, Ben!');

    const shop = await openPage(d.browser, `${d.server.url}/demo`);
    const review = shop.page.locator('verity-reviews .review').filter({ hasText: 'Perfect weight' });
    await expect.poll(() => review.locator('.reply').textContent()).toContain('Thank you, Ben! Glad it keeps its shape.');
    await shop.close();

    await editor.getByRole('button', { name: 'Edit public reply' }).click();
    await editor.getByLabel('Public reply (Markdown)').fill('Thank you, Ben!');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => editor.locator('.published').textContent().then((t) => t?.trim())).toBe('Thank you, Ben!');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('invites a moderator, who finds the link in the outbox email, joins and sees content but not members', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await page.getByRole('link', { name: 'Members' }).click();
    const members = page.locator('verity-admin-members');
    await members.getByLabel('Email').fill('mo@shop.example');
    await members.getByLabel('Invite as').selectOption('moderator');
    await members.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => status(page)).toBe('Invitation sent to mo@shop.example');
    await expect.poll(() => members.getByRole('row').filter({ hasText: 'mo@shop.example' }).count()).toBe(1);

    // The scheduler delivers the outbox to <data>/outbox, as `npm start` does.
    const invitation = async () => (await outboxEmails(d.server)).find((e) => e.to === 'mo@shop.example');
    await expect.poll(invitation, { timeout: 30_000 }).toBeTruthy();
    const email = (await invitation())!;
    expect(email.subject).toContain('invited');
    const link = email.text.match(/http:\/\/\S+\/admin\/invite\/\S+/)?.[0];
    expect(link, email.text).toBeTruthy();

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect.poll(() => page.locator('verity-admin-outbox').getByRole('row').filter({ hasText: 'mo@shop.example' }).count()).toBe(1);

    const invited = await openPage(d.browser, link!);
    await expect.poll(() => invited.page.getByRole('heading', { name: /^Join / }).count()).toBe(1);
    expect(await invited.page.locator('verity-admin-login form').textContent()).toContain('You are invited as moderator with mo@shop.example');
    await invited.page.getByLabel('Your name').fill('Mo');
    await invited.page.getByLabel(/Choose a password/).fill('a long enough password');
    await invited.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect.poll(() => invited.page.getByRole('heading', { name: 'Inbox', level: 1 }).count()).toBe(1);
    expect(await invited.page.locator('verity-admin-app nav').getByRole('link').allTextContents()).toEqual(['Inbox', 'Products', 'Insights', 'Settings', 'Outbox', 'Audit log']);
    // A moderator reads the store's settings but changes only their own notifications.
    await invited.page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => invited.page.getByText('Only owners change the store').count()).toBe(1);
    expect(await invited.page.getByRole('radio', { name: /Hold everything/ }).isDisabled()).toBe(true);
    expect(unexpected(invited.errors)).toEqual([]);
    await invited.close();
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('lists products with their figures, and one product with all its content, whatever the status', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await page.getByRole('link', { name: 'Products' }).click();
    const products = page.locator('verity-admin-products');
    const tee = products.getByRole('row').filter({ hasText: 'Classic Organic Tee' });
    await expect.poll(() => tee.count()).toBe(1);
    const published = (await arrange(d.server, 'GET', '/reviews?status=published&product=classic-tee&limit=100')).reviews.length as number;
    expect(await tee.locator('td').nth(2).textContent()).toBe(String(published));
    await tee.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/stores/demo/products/classic-tee');
    const rejected = products.locator('article').filter({ hasText: 'Seams came apart' });
    await expect.poll(() => rejected.locator('.badge.rejected').count()).toBe(1);
    await expect.poll(() => products.locator('article').filter({ hasText: 'Perfect weight' }).locator('.reply').textContent()).toContain('Thank you, Ben!');
    await page.goBack();
    await expect.poll(() => products.getByRole('heading', { name: 'Products' }).count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('shows each of these actions in the audit log, and filters it by action and by who acted', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await page.getByRole('link', { name: 'Audit log' }).click();
    const audit = page.locator('verity-admin-audit');
    await expect.poll(() => audit.locator('tbody tr').count()).toBeGreaterThan(0);
    const actions = await audit.locator('tbody td:nth-child(3)').allTextContents();
    for (const action of ['settings.update', 'review.status', 'reply.create', 'reply.update', 'member.invite', 'member.join']) expect(actions, action).toContain(action);

    await audit.getByLabel('Action').selectOption('settings.update');
    await audit.getByRole('button', { name: 'Filter' }).click();
    // The policy change, the block list change and the block list emptied again with the secret key.
    await expect.poll(() => audit.locator('tbody td:nth-child(3)').allTextContents()).toEqual(['settings.update', 'settings.update', 'settings.update']);

    await audit.getByLabel('Action').selectOption('');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(actions.length);
    await audit.locator('tbody tr').filter({ hasText: 'member.join' }).getByRole('button').first().click();
    await expect.poll(() => audit.locator('tbody td:nth-child(3)').allTextContents()).toEqual(['member.join']);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('signs out: the session ends and the sign-in form shows again', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('when the session ends elsewhere, the next request shows the sign-in form with the reason, and signing in returns to the page', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/outbox' });
    await page.context().clearCookies();
    await page.locator('verity-admin-outbox').getByRole('button', { name: 'Failed' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    expect(await alert(page)).toContain('Your session ended');
    await page.getByLabel('Email').fill(d.server.admin.email);
    await page.getByLabel('Password').fill(d.server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Outbox', level: 1 }).count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('a failed action says why in one alert and changes nothing', async () => {
    await shopperReview(d.server, { rating: 3, title: 'Fine', body: 'It is fine.', name: 'Di', email: 'di@example.com' });
    const { page, close } = await signIn(d.browser, d.server);
    await expect.poll(() => inboxTitles(page)).toEqual(['Fine']);
    await page.route('**/inbox/moderate', (route) => route.abort('internetdisconnected'));
    await press(page, 'p');
    await expect.poll(() => alert(page)).toContain('could not be reached');
    expect(await inboxTitles(page)).toEqual(['Fine']);
    await close();
  });

  it('publishes a question and gives the official answer, which /demo shows', async () => {
    const ask = await fetch(`${d.server.url}/v1/stores/demo/products/classic-tee/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: d.server.url },
      body: JSON.stringify({ body: 'Is the cotton organic certified?', author: { name: 'Eve', email: 'eve@example.com' } }),
    });
    expect(ask.status).toBe(201);
    const { page, errors, close } = await signIn(d.browser, d.server);
    const inbox = page.locator('verity-admin-inbox');
    await inbox.getByRole('tab', { name: /Questions/ }).click();
    await expect.poll(() => inbox.locator('.item .excerpt').allTextContents()).toEqual(['Is the cotton organic certified?']);
    await press(page, 'p');
    await expect.poll(() => status(page)).toBe('Published: 1 item');
    await inbox.getByLabel('Status').selectOption('published');
    await expect.poll(() => inbox.locator('.item .excerpt').first().textContent()).toBe('Is the cotton organic certified?');
    await press(page, 'e');
    await inbox.getByLabel('Official answer (Markdown)').fill('Yes: **GOTS** certified, from field to seam.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => status(page)).toBe('Answer published');

    const shop = await openPage(d.browser, `${d.server.url}/demo`);
    const question = shop.page.locator('verity-questions .question').filter({ hasText: 'Is the cotton organic certified?' });
    await expect.poll(() => question.locator('.answer.official').textContent()).toContain('GOTS certified, from field to seam.');
    await shop.close();
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('saves "email me for each one" in my notifications, and the next review is in the outbox for me', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/settings' });
    const mine = page.locator('verity-admin-settings form').filter({ has: page.getByRole('heading', { name: 'Notifications for me' }) });
    await mine.getByRole('radio', { name: 'Never' }).check();
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toBe('Your notifications: saved');
    await page.reload();
    await expect.poll(() => mine.getByRole('radio', { name: 'Never' }).isChecked()).toBe(true);
    await mine.getByRole('radio', { name: 'For each one, as it arrives' }).check();
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page)).toBe('Your notifications: saved');

    await shopperReview(d.server, { rating: 3, title: 'Colour faded', body: 'The navy went grey-ish after a month.', name: 'Flo', email: 'flo@example.com' });
    const told = async () => (await outboxEmails(d.server)).find((e) => e.to === d.server.admin.email && e.text.includes('The navy went grey-ish'));
    await expect.poll(told, { timeout: 30_000 }).toBeTruthy();
    expect((await told())!.subject).toContain('new 3-star review of Classic Organic Tee');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('shows reported content with the reasons in its own tab, and r rejects it there', async () => {
    for (const reporter of ['r1'.padEnd(20, 'x'), 'r2'.padEnd(20, 'x')]) {
      const res = await fetch(`${d.server.url}/v1/stores/demo/reviews/${ids.newer}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: d.server.url },
        body: JSON.stringify({ reason: 'off_topic', reporter }),
      });
      expect(res.ok, await res.text()).toBe(true);
    }
    const { page, errors, close } = await signIn(d.browser, d.server);
    const inbox = page.locator('verity-admin-inbox');
    await inbox.getByRole('tab', { name: /Reported/ }).click();
    await expect.poll(() => inboxTitles(page)).toEqual(['Perfect weight']);
    expect(await inbox.locator('.item .badge.reported').textContent()).toBe('reported off-topic ×2');
    await press(page, 'r');
    await expect.poll(() => status(page)).toBe('Rejected: 1 item');
    expect(await reviewStatus(ids.newer!)).toBe('rejected');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('rotates the keys after a confirmation and shows the new secret key once', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { path: '/admin/stores/demo/settings' });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Rotate keys…' }).click();
    const fresh = page.getByRole('region', { name: 'New keys' });
    await expect.poll(() => fresh.count()).toBe(1);
    const secretKey = (await fresh.locator('dd code').first().textContent())!;
    expect(secretKey).toMatch(/^sk_/);
    const old = await fetch(`${d.server.url}/v1/admin/stores/demo`, { headers: { authorization: `Bearer ${d.server.secretKey}` } });
    expect(old.status).toBe(401);
    d.server.secretKey = secretKey;
    expect((await arrange(d.server, 'GET', '')).id).toBe('demo');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Rotate keys…' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'New keys' }).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('/demo and its collection never request the dashboard bundle', async () => {
    for (const path of ['/demo', '/demo/collection']) {
      const { page, requests, close } = await openPage(d.browser, `${d.server.url}${path}`);
      await expect.poll(() => page.locator('verity-stars .count').first().textContent()).toMatch(/\(\d+\)/);
      expect(requests.filter((r) => r.includes('admin')), path).toEqual([]);
      await close();
    }
  });
});

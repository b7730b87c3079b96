/** The dashboard's Insights page in Chromium: the figures of the API beside every chart, a text alternative for each, light and dark, 390 px. */
import { describe, expect, it } from 'vitest';
import { screenshotPath, seriousViolations } from '../../helpers/browser';
import { arrange, dashboard, shopperReview, signIn, unexpected } from './dashboard';

const d = dashboard();

describe('<verity-admin-insights>', () => {
  it('shows the store’s figures with numbers beside each chart, and a table for the weekly chart', async () => {
    await shopperReview(d.server, { rating: 1, title: 'Broke at once', body: 'The handle came off.', name: 'Ola', email: 'ola@example.com' }, 'canvas-tote');
    const figures = await arrange(d.server, 'GET', '/insights?weeks=26');
    expect(figures.totals.published).toBeGreaterThan(0);

    const { page, errors, close } = await signIn(d.browser, d.server, { viewport: { width: 1280, height: 900 } });
    await page.locator('verity-admin-app nav').getByRole('link', { name: 'Insights' }).click();
    const insights = page.locator('verity-admin-insights');
    await insights.getByRole('heading', { name: 'Rating over time' }).waitFor();
    expect(page.url()).toMatch(/\/admin\/stores\/demo\/insights$/);

    const rating = insights.locator('section', { has: page.getByRole('heading', { name: 'Rating over time' }) });
    expect(await rating.textContent()).toContain(`${figures.totals.average.toFixed(2)} average`);
    expect(await rating.textContent()).toContain(`${figures.totals.published} published reviews`);
    expect(await rating.getByRole('img').getAttribute('aria-label')).toContain('26 weeks');
    await rating.getByText('The weeks as a table').click();
    expect(await rating.locator('tbody tr').count()).toBe(26);

    const dist = insights.locator('section', { has: page.getByRole('heading', { name: 'Distribution' }) });
    expect(await dist.locator('li').first().textContent()).toContain(String(figures.distribution[5]));
    expect(await dist.locator('li svg[aria-hidden="true"]').count()).toBe(5);

    const replies = insights.locator('section', { has: page.getByRole('heading', { name: 'Replies' }) });
    expect(await replies.textContent()).toContain(`${figures.replies.replied} of ${figures.totals.published} published reviews have a reply`);

    const lowest = insights.locator('section', { has: page.getByRole('heading', { name: 'Lowest average rating' }) });
    expect(await lowest.locator('li').first().textContent()).toContain(figures.products.lowestRated[0].name);
    expect(await insights.locator('section', { has: page.getByRole('heading', { name: 'Review requests' }) }).textContent()).toContain('Emails sent');

    // A shorter period asks again.
    await insights.getByLabel('Period').selectOption('4');
    await expect.poll(() => rating.getByRole('img').getAttribute('aria-label')).toContain('4 weeks');

    expect(await seriousViolations(page)).toEqual([]);
    await insights.getByLabel('Period').selectOption('26');
    await expect.poll(() => rating.getByRole('img').getAttribute('aria-label')).toContain('26 weeks');
    await rating.getByText('The weeks as a table').click();
    await page.screenshot({ path: screenshotPath('dashboard-insights.png'), fullPage: true });
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('shows all time by month, with history older than a year that an import brought', async () => {
    const history = [
      { id: 'rv_2023', source: 'verity', product_id: 'classic-tee', rating: 4, body: 'Still going strong.', author_name: 'Old Customer', created_at: '2023-03-15T10:00:00.000Z', status: 'published' },
    ];
    const started = await arrange(d.server, 'POST', '/imports?kind=reviews&vendor=verity', history);
    await expect.poll(async () => (await arrange(d.server, 'GET', `/imports/${started.job.id}`)).job.status).toBe('done');
    const figures = await arrange(d.server, 'GET', '/insights?weeks=all');
    expect(figures.months[0]).toEqual({ month: '2023-03', received: 1, count: 1, average: 4, verified: 0 });

    const { page, errors, close } = await signIn(d.browser, d.server, { viewport: { width: 1280, height: 900 }, path: '/admin/stores/demo/insights' });
    const insights = page.locator('verity-admin-insights');
    const rating = insights.locator('section', { has: page.getByRole('heading', { name: 'Rating over time' }) });
    await rating.getByRole('img').waitFor();
    await insights.getByLabel('Period').selectOption({ label: 'All time (by month)' });
    await expect.poll(() => rating.getByRole('img').getAttribute('aria-label')).toBe(`Reviews per month and their average rating, ${figures.months.length} months; the table below has the numbers`);
    expect(await rating.textContent()).toContain(`${figures.totals.published} published reviews`);
    await rating.getByText('The months as a table').click();
    const rows = rating.locator('tbody tr');
    expect(await rows.count()).toBe(figures.months.length);
    const first = await rows.first().locator('td').allTextContents();
    expect(first[0]).toContain('2023');
    expect(first.slice(1)).toEqual(['1', '4.00', '0']);
    expect(await rating.locator('thead th').first().textContent()).toBe('Month');
    await page.screenshot({ path: screenshotPath('dashboard-insights-all-time.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('fits a 390 px phone in dark mode without sideways scrolling', async () => {
    const { page, errors, close } = await signIn(d.browser, d.server, { viewport: { width: 390, height: 844 }, colorScheme: 'dark', path: '/admin/stores/demo/insights' });
    const insights = page.locator('verity-admin-insights');
    await insights.getByRole('heading', { name: 'Distribution' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Dark: the text is light on a dark card.
    const colors = await insights.locator('section.card').first().evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    expect(colors).toEqual(['rgb(232, 234, 237)', 'rgb(26, 30, 36)']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('dashboard-insights-phone.png'), fullPage: true });
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

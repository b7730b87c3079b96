/** <verity-questions> on the demo product page, in Chromium. */
import { describe, expect, it } from 'vitest';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();


const adminQuestions = async () => {
  const res = await fetch(`${demo.server.url}/v1/admin/stores/demo/questions`, { headers: { authorization: `Bearer ${demo.server.secretKey}` } });
  return ((await res.json()) as { questions: Array<{ body: string; status: string }> }).questions;
};

describe('<verity-questions>', () => {
  it('shows questions with labelled answers, and counts a helpful vote', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    const qa = page.locator('verity-questions');
    await expect.poll(() => qa.locator('.question').count()).toBe(1);
    expect(await qa.locator('.question .q').textContent()).toContain('Does the tee shrink after washing?');
    expect(await qa.locator('.answer .label').allTextContents()).toEqual(['Store', 'Verified owner']);
    const vote = qa.locator('.answer').first().getByRole('button', { name: 'Helpful (0)' });
    await vote.click();
    await expect.poll(() => qa.locator('.answer').first().getByRole('button', { name: 'Helpful (1)' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('asks a question and answers one, and finds questions by text', async () => {
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    const qa = page.locator('verity-questions');
    await expect.poll(() => qa.locator('.question').count()).toBe(1);

    await qa.getByRole('button', { name: 'Ask a question' }).click();
    expect(await qa.getByRole('button', { name: 'Ask a question' }).getAttribute('aria-expanded')).toBe('true');
    await qa.getByLabel('Your question').fill('Is the neckline ribbed?');
    await qa.getByLabel('Your name (shown publicly)').fill('Ines');
    await qa.getByLabel('Email (never shown)').fill('ines@example.com');
    await qa.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => qa.getByRole('status').textContent()).toBe('Thank you! Your question is posted.');
    expect((await adminQuestions()).some((q) => q.body === 'Is the neckline ribbed?')).toBe(true);
    // The list reloads after the thank-you and puts the new question first: a click before that lands
    // on whatever question then takes the old one's place (a full suite on a loaded machine saw it).
    await expect.poll(() => qa.locator('.question').count()).toBe(2);

    const first = qa.locator('.question').filter({ hasText: 'Does the tee shrink' });
    await first.getByRole('button', { name: 'Answer', exact: true }).click();
    await first.getByLabel('Your answer').fill('Mine did not, washed at 30.');
    await first.getByLabel('Your name (shown publicly)').fill('Bo');
    await first.getByLabel('Email (never shown)').fill('bo@example.com');
    await first.getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => qa.getByRole('status').textContent()).toBe('Thank you for answering!');
    await expect.poll(() => first.locator('.answer').allTextContents().then((a) => a.some((t) => t.includes('Mine did not')))).toBe(true);

    await qa.getByRole('searchbox', { name: 'Search questions' }).fill('ribbed');
    await expect.poll(() => qa.locator('.question .q').allTextContents()).toEqual([expect.stringContaining('Is the neckline ribbed?')]);
    expect(errors).toEqual([]);
    await close();
  });
});

/** The review request email in each language, with the store's look and five star links. */
import { describe, expect, it } from 'vitest';
import { buyerLocales } from '../../../db/schema';
import type { Brand } from '../../../worker/domain/branding';
import { reviewRequestEmail } from '../../../worker/email/templates';

const brand: Brand = { name: 'Shop A', logoUrl: 'https://cdn.shop-a.example/logo.png', accent: '#0f766e', storeUrl: 'https://shop-a.example' };
const products = [{ name: 'Tee', imageUrl: 'https://cdn.shop-a.example/tee.jpg', link: 'https://reviews.example/r/tok1' }];
const email = (over: Partial<Parameters<typeof reviewRequestEmail>[0]> = {}) =>
  reviewRequestEmail({ locale: 'en', brand, customerName: 'Bea', products, unsubscribeUrl: 'https://reviews.example/u/x?lang=en', reminder: false, ...over });

describe('reviewRequestEmail', () => {
  it.each([
    ['en', 'How do you like Tee?', 'Hi Bea,'],
    ['de', 'Wie gefällt Ihnen Tee?', 'Hallo Bea,'],
    ['fr', 'Que pensez-vous de Tee ?', 'Bonjour Bea,'],
    ['es', '¿Qué te parece Tee?', 'Hola Bea:'],
    ['ja', 'Teeはいかがですか？', 'Bea様'],
  ] as const)('writes %s: subject, greeting and <html lang>', (locale, subject, greeting) => {
    const e = email({ locale });
    expect(e.subject).toBe(subject);
    expect(e.text.startsWith(greeting)).toBe(true);
    expect(e.html).toContain(`<html lang="${locale}">`);
  });

  it('has a language for every locale Verity offers', () => {
    for (const locale of buyerLocales) expect(email({ locale }).subject).not.toBe('');
  });

  it('greets a buyer without a name without a dangling space', () => {
    expect(email({ customerName: null }).text.startsWith('Hi,\n')).toBe(true);
    expect(email({ locale: 'ja', customerName: null }).text.startsWith('お客様\n')).toBe(true);
  });

  it('links five stars to the review page with each rating, in HTML and in text', () => {
    const e = email();
    for (const n of [1, 2, 3, 4, 5]) {
      expect(e.html).toContain(`href="https://reviews.example/r/tok1?rating=${n}"`);
      expect(e.text).toContain(`https://reviews.example/r/tok1?rating=${n}`);
    }
    expect(e.html).toContain('aria-label="4 stars"');
    expect(e.html).toContain('src="https://cdn.shop-a.example/tee.jpg"');
  });

  it('shows the store’s logo and accent colour', () => {
    const e = email();
    expect(e.html).toContain('<img src="https://cdn.shop-a.example/logo.png" alt="Shop A"');
    expect(e.html).toContain('border-top:6px solid #0f766e');
  });

  it('escapes markup from a merchant’s template and from names: plain text only', () => {
    const e = email({
      customerName: '<b>Bea</b>',
      products: [{ ...products[0]!, name: 'Tee"><script>alert(1)</script>' }],
      wording: { subject: 'Hi <i>{{customerName}}</i>', body: '<script>alert("x")</script> {{productNames}}\n\n<a href="https://evil.example">click</a>' },
    });
    expect(e.html).not.toMatch(/<script|<i>|<b>|<a href="https:\/\/evil/);
    expect(e.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(e.html).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;');
    // The subject is a header, not HTML: it keeps the merchant's text as written.
    expect(e.subject).toBe('Hi <i><b>Bea</b></i>');
  });
});

/** The crawlable page of one question: its answers, an answer form, and QAPage structured data. */
import { html, raw } from 'hono/html';
import type { Answer, Product, Question } from '../../db/schema';
import { layout } from './layout';

export interface QuestionPageInput {
  storeName: string;
  question: Question;
  answers: Answer[];
  product: Product;
  canonicalUrl: string;
  action: string;
  error?: string;
  values?: { body?: string; name?: string; email?: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** JSON for a <script> element: "<" escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Google's QAPage: one Question with acceptedAnswer and suggestedAnswer, each with text, author, date, votes, url. */
export function qaPageJsonLd(input: QuestionPageInput) {
  const { question, answers, canonicalUrl, storeName } = input;
  const answerLd = (a: Answer) => ({
    '@type': 'Answer',
    text: a.body,
    datePublished: iso(a.createdAt),
    upvoteCount: a.helpfulCount,
    url: `${canonicalUrl}#answer-${a.id}`,
    author: a.kind === 'official' ? { '@type': 'Organization', name: storeName } : { '@type': 'Person', name: a.authorName },
  });
  const accepted = answers.find((a) => a.id === question.acceptedAnswerId);
  const suggested = answers.filter((a) => a !== accepted);
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: question.body.length > 110 ? `${question.body.slice(0, 107)}…` : question.body,
      text: question.body,
      answerCount: answers.length,
      datePublished: iso(question.createdAt),
      author: { '@type': 'Person', name: question.authorName },
      ...(accepted ? { acceptedAnswer: answerLd(accepted) } : {}),
      ...(suggested.length ? { suggestedAnswer: suggested.map(answerLd) } : {}),
    },
  };
}

const kindLabel = { official: 'Answer from the store', owner: 'Verified owner', community: 'Shopper' } as const;

export function questionPage(input: QuestionPageInput) {
  const { question, answers, product } = input;
  const title = question.body.length > 70 ? `${question.body.slice(0, 67)}…` : question.body;
  const head = html`<link rel="canonical" href="${input.canonicalUrl}">
<script type="application/ld+json">${raw(scriptJson(qaPageJsonLd(input)))}</script>`;
  const body = html`<main>
<p class="hint">A question about ${product.url ? html`<a href="${product.url}">${product.name}</a>` : product.name} at ${input.storeName}</p>
<h1>${title}</h1>
<div>${raw(question.bodyHtml)}</div>
<p class="hint">Asked by ${question.authorName} on <time datetime="${iso(question.createdAt)}">${new Date(question.createdAt).toUTCString().slice(5, 16)}</time></p>
<h2>${String(answers.length)} ${answers.length === 1 ? 'answer' : 'answers'}</h2>
${answers.map(
  (a) => html`<article id="answer-${a.id}" style="border-top:1px solid color-mix(in srgb,currentColor 15%,transparent);padding:.5rem 0">
<p class="hint"><strong>${a.authorName}</strong> · ${kindLabel[a.kind]}${a.id === question.acceptedAnswerId ? ' · Accepted answer' : ''} · ${String(a.helpfulCount)} found this helpful</p>
<div>${raw(a.bodyHtml)}</div>
</article>`,
)}
<h2>Know the answer?</h2>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<form method="post" action="${input.action}">
<label for="body">Your answer</label>
<textarea id="body" name="body" required maxlength="5000">${input.values?.body ?? ''}</textarea>
<label for="name">Your name</label>
<input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${input.values?.name ?? ''}">
<label for="email">Your email <span class="hint">(not shown; we tell you when the asker replies)</span></label>
<input type="text" id="email" name="email" required maxlength="254" autocomplete="email" inputmode="email" value="${input.values?.email ?? ''}">
<button type="submit">Post answer</button>
</form>
${product.url ? html`<p><a href="${product.url}">Back to ${product.name}</a></p>` : ''}
</main>`;
  return layout(`${title} — ${input.storeName}`, body, { head });
}

export function sitemapXml(entries: Array<{ loc: string; lastmod: number }>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<url><loc>${esc(e.loc)}</loc><lastmod>${iso(e.lastmod)}</lastmod></url>`).join('\n')}
</urlset>
`;
}

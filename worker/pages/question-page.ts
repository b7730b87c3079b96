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
  /** The product's page, resolved against the public origin (see productHref); none if it has no http(s) page. */
  productUrl?: string;
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

/** The question's Markdown as heading content: one paragraph (nearly every question) without its <p>; undefined for more. */
function inlineQuestion(bodyHtml: string): string | undefined {
  const one = /^<p>([\s\S]*?)<\/p>\s*$/.exec(bodyHtml);
  return one && !one[1]!.includes('<p>') ? one[1] : undefined;
}

export function questionPage(input: QuestionPageInput) {
  const { question, answers, product, productUrl } = input;
  const title = question.body.length > 70 ? `${question.body.slice(0, 67)}…` : question.body;
  const head = html`<link rel="canonical" href="${input.canonicalUrl}">
<script type="application/ld+json">${raw(scriptJson(qaPageJsonLd(input)))}</script>`;
  const inline = inlineQuestion(question.bodyHtml);
  // The question is shown once: as the heading, or below a plain heading when it runs to several paragraphs.
  const asked = inline === undefined ? html`<h1>A shopper’s question</h1><div>${raw(question.bodyHtml)}</div>` : html`<h1>${raw(inline)}</h1>`;
  // Helpful counts stay in the structured data (upvoteCount) but not on the page, which has no way to vote.
  const body = html`<main>
<p class="hint">A question about ${productUrl ? html`<a href="${productUrl}">${product.name}</a>` : product.name} at ${input.storeName}</p>
${asked}
<p class="hint">Asked by ${question.authorName} on <time datetime="${iso(question.createdAt)}">${new Date(question.createdAt).toUTCString().slice(5, 16)}</time></p>
<h2>${String(answers.length)} ${answers.length === 1 ? 'answer' : 'answers'}</h2>
${answers.map(
  (a) => html`<article class="answer" id="answer-${a.id}">
<p class="hint"><strong>${a.authorName}</strong> · ${kindLabel[a.kind]}${a.id === question.acceptedAnswerId ? ' · Accepted answer' : ''}</p>
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
${productUrl ? html`<p><a href="${productUrl}">Back to ${product.name}</a></p>` : ''}
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

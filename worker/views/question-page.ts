/** The crawlable page of one question: its answers, an answer form, and QAPage structured data. */
import { html, raw } from 'hono/html';
import type { Answer, Product, Question } from '../../db/schema';
import { jsonLdScript } from './json-ld';
import { layout } from './layout';
import { htmlToPlainText } from './plain-text';

export interface QuestionPageInput {
  storeName: string;
  question: Question;
  answers: Answer[];
  product: Product;
  canonicalUrl: string;
  /** The product's page, resolved against the public origin (see productHref); none if it has no http(s) page. */
  productUrl?: string;
  /** The storefront, as the url of the store's official answers. */
  storeUrl?: string;
  action: string;
  error?: string;
  values?: { body?: string; name?: string; email?: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Google's QAPage, written from its documentation: one Question (name,
 * text, answerCount, upvoteCount, dates, author) with acceptedAnswer and
 * suggestedAnswer (text, author, dates, upvoteCount, url). Text is what the
 * page shows, not Markdown. A question without a published answer cannot
 * earn the rich result and gets no QAPage (null): it is a plain page.
 */
export function qaPageJsonLd(input: QuestionPageInput) {
  const { question, answers, canonicalUrl, storeName } = input;
  if (answers.length === 0) return null;
  const store = { '@type': 'Organization', name: storeName, ...(input.storeUrl ? { url: input.storeUrl } : {}) };
  const answerLd = (a: Answer) => ({
    '@type': 'Answer',
    text: htmlToPlainText(a.bodyHtml),
    datePublished: iso(a.createdAt),
    dateModified: iso(a.updatedAt),
    upvoteCount: a.helpfulCount,
    url: `${canonicalUrl}#answer-${a.id}`,
    author: a.kind === 'official' ? store : { '@type': 'Person', name: a.authorName },
  });
  const accepted = answers.find((a) => a.id === question.acceptedAnswerId);
  const suggested = answers.filter((a) => a !== accepted);
  const text = htmlToPlainText(question.bodyHtml);
  const modified = Math.max(question.updatedAt, ...answers.map((a) => a.updatedAt));
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: text.length > 110 ? `${text.slice(0, 107)}…` : text,
      text,
      answerCount: answers.length,
      // Shoppers vote on answers, never on questions.
      upvoteCount: 0,
      datePublished: iso(question.createdAt),
      dateModified: iso(modified),
      author: { '@type': 'Person', name: question.authorName },
      ...(accepted ? { acceptedAnswer: answerLd(accepted) } : {}),
      ...(suggested.length ? { suggestedAnswer: suggested.map(answerLd) } : {}),
    },
  };
}

/** The search-result description: the question and how many answers it has, in about 155 characters. */
export function questionDescription(input: Pick<QuestionPageInput, 'question' | 'answers' | 'product' | 'storeName'>): string {
  const n = input.answers.length;
  const tail = ` ${n === 0 ? 'No answers yet' : n === 1 ? '1 answer' : `${n} answers`} about ${input.product.name} at ${input.storeName}.`;
  const text = htmlToPlainText(input.question.bodyHtml).replace(/\s+/g, ' ');
  const room = Math.max(40, 155 - tail.length);
  return (text.length > room ? `${text.slice(0, room - 1)}…` : text) + tail;
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
  const ld = qaPageJsonLd(input);
  const head = html`<link rel="canonical" href="${input.canonicalUrl}">
<meta name="description" content="${questionDescription(input)}">
${ld ? raw(jsonLdScript(ld)) : ''}`;
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

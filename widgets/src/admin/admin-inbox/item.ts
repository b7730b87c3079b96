/** One inbox item as a line of the list and as the full view with its actions: shared by the inbox and a product's page. */
import { css, html, nothing } from 'lit';
import type { InboxItem } from '../api';
import { formatDate, formatDay, starsText } from '../base';
import { safeHtml } from '../../sanitize';

const reasons: Record<string, string> = { spam: 'spam', offensive: 'offensive', off_topic: 'off-topic', other: 'other' };
const kindLabel = { review: 'Review', question: 'Question', answer: 'Answer' } as const;

/** Markdown's marks out of a one-line excerpt (the full text is rendered in the item view). */
const plain = (markdown: string) => markdown.replace(/[*_`~#>]+|\[([^\]]*)\]\([^)]*\)/g, (m, link?: string) => link ?? '');

export const itemKey = (item: Pick<InboxItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

/** A sentence naming the item, for labels ("review by Maya of Classic Tee"). */
export const itemName = (item: InboxItem) => `${item.kind} by ${item.author.name} on ${item.product.name}`;

/** `status`: whether to say it (a list filtered by status need not repeat it on each line). */
function badges(item: InboxItem, status = true) {
  return html`${status ? html`<span class="badge ${item.status}">${item.status}</span>` : nothing}
    ${item.author.verified ? html`<span class="badge verified">${item.kind === 'answer' ? 'by an owner' : 'verified buyer'}</span>` : nothing}
    ${item.firstTimeAuthor && item.status === 'pending' ? html`<span class="badge">first-time author</span>` : nothing}
    ${item.reports?.map((r) => html`<span class="badge reported">reported ${reasons[r.reason] ?? r.reason} ×${r.count}</span>`)}
    ${item.kind === 'review' && item.reply ? html`<span class="badge">replied</span>` : nothing}`;
}

/** The summary in a list; `open`: the full item shows right below, so the excerpt would repeat it. */
export function itemLine(item: InboxItem, { status = true, open = false } = {}) {
  return html`<span class="line-head">
      ${item.kind === 'review' && item.rating
        ? html`<span class="stars" role="img" aria-label="${item.rating} out of 5 stars">${starsText(item.rating)}</span>`
        : html`<span class="kind">${kindLabel[item.kind]}</span>`}
      <strong class="title">${item.title || (item.kind === 'answer' && item.question ? `Re: ${item.question.body}` : '')}</strong>
    </span>
    ${open ? nothing : html`<span class="excerpt">${plain(item.body)}</span>`}
    <span class="meta muted">${item.author.name} · ${item.product.name} · ${formatDay(item.createdAt)}</span>
    <span class="badges">${badges(item, status)}</span>`;
}

/**
 * Everything about one item: the full text, who wrote it and where, what it
 * answers. `underLine`: shown right under its list line, which already gives
 * the rating, title and badges.
 */
export function itemDetail(item: InboxItem, underLine = false) {
  return html`<header class="detail-head">
      ${underLine ? nothing : html`<div class="row">
        ${item.kind === 'review' && item.rating
          ? html`<span class="stars big" role="img" aria-label="${item.rating} out of 5 stars">${starsText(item.rating)}</span>`
          : html`<span class="kind">${kindLabel[item.kind]}</span>`}
        ${badges(item)}
      </div>
      ${item.title ? html`<h2>${item.title}</h2>` : nothing}`}
      <p class="muted byline">
        ${item.author.name}${item.author.email ? html` &lt;${item.author.email}&gt;` : nothing} · ${formatDate(item.createdAt)} ·
        ${item.product.url ? html`<a href=${item.product.url} target="_blank" rel="noopener">${item.product.name}</a>` : item.product.name}
      </p>
    </header>
    ${item.kind === 'answer' && item.question ? html`<p class="context"><span class="muted">Answers the question:</span> ${item.question.body}</p>` : nothing}
    <div class="body markdown">${safeHtml(item.bodyHtml, item.body)}</div>`;
}

export const itemStyles = css`
  .line-head {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    min-width: 0;
  }
  .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .kind {
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--verity-admin-muted);
  }
  .excerpt {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .meta {
    font-size: 0.8125rem;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .detail-head {
    display: grid;
    gap: 0.35rem;
    margin-bottom: 0.75rem;
  }
  .stars.big {
    font-size: 1.1rem;
  }
  .byline {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .context {
    margin: 0 0 0.5rem;
  }
  .body {
    overflow-wrap: anywhere;
    margin-bottom: 1rem;
  }
`;

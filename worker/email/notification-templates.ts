/** Emails to a store's own people: new content, one at a time or as a daily digest. */
import { simpleEmail } from './templates';

export interface ContentSummary {
  kind: 'review' | 'question';
  productName: string;
  authorName: string;
  /** Reviews only. */
  rating?: number | null;
  body: string;
  status: string;
}

const stars = (rating: number) => `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}`;
const excerpt = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const FOOTER = 'You get this because of your notification settings in the dashboard; change them there.';

function headline(item: ContentSummary): string {
  const what = item.kind === 'review' && item.rating ? `${stars(item.rating)} review` : item.kind;
  return `New ${what} of ${item.productName} by ${item.authorName}${item.status === 'pending' ? ' (waiting for your decision)' : ''}`;
}

/** One new review or question. */
export function newContentEmail(input: { storeName: string; item: ContentSummary; dashboardUrl: string }) {
  const { item } = input;
  const subject =
    item.kind === 'review'
      ? `${input.storeName}: new ${item.rating}-star review of ${item.productName}`
      : `${input.storeName}: new question about ${item.productName}`;
  return simpleEmail({
    subject,
    paragraphs: [headline(item), FOOTER],
    quote: excerpt(item.body),
    action: { label: item.status === 'pending' ? 'Decide in the inbox' : 'Open the inbox', url: input.dashboardUrl },
  });
}

/** Everything written since the last digest. `total` may exceed the items listed. */
export function digestEmail(input: { storeName: string; items: ContentSummary[]; total: number; dashboardUrl: string }) {
  const reviews = input.items.filter((i) => i.kind === 'review').length;
  const questions = input.items.length - reviews;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const more = input.total > input.items.length ? [`…and ${input.total - input.items.length} more in the inbox.`] : [];
  return simpleEmail({
    subject: `${input.storeName}: ${input.total} new ${input.total === 1 ? 'item' : 'items'} today (${count(reviews, 'review')}, ${count(questions, 'question')})`,
    paragraphs: [...input.items.map((i) => `${headline(i)}: “${excerpt(i.body, 160)}”`), ...more, FOOTER],
    action: { label: 'Open the inbox', url: input.dashboardUrl },
  });
}

/**
 * Publish or hold: the one rule for every review, question and answer that
 * reaches Verity, written once here. Its input has no rating — not as a
 * field, not inside the text — so no setting can hold back bad reviews
 * while good ones go live (review gating, which the FTC rule on consumer
 * reviews forbids). The rating moves only notifications (domain/notifications.ts).
 */
import { sourceLabel } from './import/vendors';
import type { Db } from '../../db/client';
import { normalizeEmail } from '../../db/email';
import { hasPublishedContent } from '../../db/queries/inbox';
import type { ReviewStatus, Store, StoreSettings } from '../../db/schema';
import type { WriteContext } from './context';
import { hashClientAddress } from './voters';
import { turnstileRequired } from './turnstile';

/** What the rule may look at. Deliberately no rating: see the module comment. */
export interface PolicyInput {
  kind: 'review' | 'question' | 'answer';
  /** The merchant's own official answer: published at once, it is the store speaking. */
  official?: boolean;
  /** Lower-cased; null only for the official answer. */
  authorEmail: string | null;
  /** The keyed hash of the writer's client address (blockAddressEntry), when the runtime can tell it. */
  addressEntry?: string;
  /** Title and body as written. */
  text: Array<string | null | undefined>;
  /** A filled honeypot field. */
  likelyBot?: boolean;
}

/** What the rule found, so a merchant (and a test) can tell why something waits. */
export type PolicyReason = 'official' | 'honeypot' | 'blocked' | 'hold-word' | 'held' | 'first-time' | 'published';

export interface PolicyDecision {
  status: ReviewStatus;
  reason: PolicyReason;
}

/** Facts from the database the rule needs; fetched only when the policy asks for them. */
export interface PolicyFacts {
  /** Whether the author has nothing published in this store yet. */
  firstTimeAuthor: boolean;
}

/**
 * The rule itself, pure: spam for bots and blocked writers (kept for the
 * merchant, never shown), held for hold words and the store's policy,
 * published otherwise.
 *
 * @example decide(store.settings, { kind: 'review', authorEmail: 'a@b.example', text: ['Great'] }, { firstTimeAuthor: false })
 */
export function decide(settings: Pick<StoreSettings, 'moderation' | 'holdWords' | 'blockList'>, input: PolicyInput, facts: PolicyFacts): PolicyDecision {
  if (input.official) return { status: 'published', reason: 'official' };
  if (input.likelyBot) return { status: 'spam', reason: 'honeypot' };
  if (isBlocked(settings.blockList, input)) return { status: 'spam', reason: 'blocked' };
  if (findHoldWord(settings.holdWords, input.text) !== undefined) return { status: 'pending', reason: 'hold-word' };
  if (settings.moderation === 'hold') return { status: 'pending', reason: 'held' };
  if (settings.moderation === 'hold-first-time' && facts.firstTimeAuthor) return { status: 'pending', reason: 'first-time' };
  return { status: 'published', reason: 'published' };
}

/** {@link decide} with the facts looked up: the entry point of every write. */
export async function decidePublication(db: Db, store: Store, input: PolicyInput): Promise<PolicyDecision> {
  const needsHistory = store.settings.moderation === 'hold-first-time' && !input.official && input.authorEmail !== null;
  const firstTimeAuthor = needsHistory ? !(await hasPublishedContent(db, store.id, input.authorEmail!)) : false;
  return decide(store.settings, input, { firstTimeAuthor });
}

/**
 * The decision for one public write, however it arrives (review, question,
 * answer): the writer's address entry looked up once, the email normalised
 * once, and the hash to keep on the row (none for the store's own answers).
 */
export async function decideWrite(ctx: WriteContext, input: Omit<PolicyInput, 'addressEntry'>): Promise<PolicyDecision & { authorAddress: string | null }> {
  const addressEntry = input.official ? undefined : await blockAddressEntry(ctx.store, ctx.clientAddress);
  const authorEmail = input.authorEmail === null ? null : normalizeEmail(input.authorEmail);
  const decision = await decidePublication(ctx.db, ctx.store, { ...input, authorEmail, addressEntry });
  return { ...decision, authorAddress: addressHashOf(addressEntry) };
}

/**
 * The block-list entry of a client address: `addr:` and the same keyed hash
 * under the store's secret that votes are capped by, so the address itself
 * is never stored or shown.
 */
export async function blockAddressEntry(store: Pick<Store, 'id' | 'linkSecret'>, address: string | undefined): Promise<string | undefined> {
  return address === undefined ? undefined : `${ADDRESS_PREFIX}${await hashClientAddress(store, address)}`;
}

const ADDRESS_PREFIX = 'addr:';

/** The hash part of an entry, as content rows store it (authorAddress). */
export const addressHashOf = (entry: string | undefined) => (entry === undefined ? null : entry.slice(ADDRESS_PREFIX.length));
/** The entry of a stored hash: what the inbox offers the merchant to block. */
export const blockEntryOf = (hash: string | null) => (hash === null ? null : `${ADDRESS_PREFIX}${hash}`);

function isBlocked(blockList: string[], input: PolicyInput): boolean {
  if (blockList.length === 0) return false;
  const entries = new Set(blockList);
  return (input.authorEmail !== null && entries.has(normalizeEmail(input.authorEmail))) || (input.addressEntry !== undefined && entries.has(input.addressEntry));
}

/**
 * The first hold word found in the text as a whole word or phrase, ignoring
 * case and Unicode compatibility forms (so "ＳＰＡＭ" matches "spam", and
 * "class" does not match "ass").
 */
export function findHoldWord(holdWords: string[], text: Array<string | null | undefined>): string | undefined {
  if (holdWords.length === 0) return undefined;
  const haystack = text.filter(Boolean).join('\n').normalize('NFKC').toLowerCase();
  return holdWords.find((word) => {
    const needle = word.normalize('NFKC').toLowerCase().trim();
    if (!needle) return false;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
  });
}

/**
 * How reviews are checked, in plain sentences generated from the store's
 * current settings: what the public moderation page discloses (the EU
 * Omnibus Directive asks traders to say whether and how they make sure
 * reviews come from buyers). Each sentence follows a rule above or in
 * domain/reviews.ts, so the words cannot promise what the code does not do.
 */
export function policyInWords(store: Pick<Store, 'name' | 'settings' | 'integrations'>, importedFrom: string[] = []): string[] {
  const { settings } = store;
  const words: string[] = [];
  words.push(
    settings.moderation === 'publish'
      ? 'New reviews are published at once, unless one of the checks below holds them.'
      : settings.moderation === 'hold'
        ? `Every new review waits until ${store.name} has looked at it, then is published or rejected.`
        : `A review by someone with nothing published here yet waits until ${store.name} has looked at it; later reviews by the same person are published at once.`,
  );
  if (settings.holdWords.length > 0) {
    words.push(`Reviews containing any of ${settings.holdWords.length} listed words or phrases wait for a person to look at them.`);
  }
  words.push('Reviews from blocked senders and automated submissions are kept as spam and never shown.');
  if (turnstileRequired(store)) words.push('Each review form submission passes a Cloudflare Turnstile check against automated posting.');
  words.push(
    settings.acceptUnverified
      ? 'A review is marked “verified” only when it was written through the link sent to the buyer of a recorded order; other shoppers may review too, shown as unverified.'
      : 'Only buyers may review: every review is written through the link sent after a recorded order, and marked “verified”.',
  );
  // Imported reviews were checked by the tool they came from, not by the rules above.
  const tools = importedFrom.filter((v) => v !== 'verity').map((v) => sourceLabel(v) ?? 'another review tool');
  if (tools.length > 0) {
    const named = [...new Set(tools)].join(', ');
    words.push(
      `Some reviews were imported from ${named}: they keep their original dates and say beside each one where they came from, and are marked verified only where that tool recorded a verified purchase (“Verified buyer (per …)”).`,
    );
  }
  words.push('The rating never decides whether a review is published: low and high ratings go through the same checks.');
  words.push(`Reviews ${store.name} rejects or marks as spam are not shown, and are counted in the figures on this page.`);
  return words;
}

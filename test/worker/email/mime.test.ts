/** Whole messages from buildMime read back by a real MIME parser, as a mail client would. */
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../db/schema';
import { buildMime } from '../../../worker/email/mime';

const message = {
  id: 'em_test0000000000000000001',
  fromAddress: 'reviews@shop.example',
  toAddress: 'buyer@example.com',
  subject: 'Hello',
  text: 'Hallo',
  html: '<p>Hallo</p>',
  headers: {
    'List-Unsubscribe': '<https://reviews.example/u/eyJraW5kIjoidW5zdWJzY3JpYmUiLCJzdG9yZSI6InN0b3JlLWEifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
} satisfies Partial<OutboxMessage>;

const subjects: Record<string, string> = {
  japanese: 'ご注文いただいたオーガニックコットンTシャツ（ホワイト、Mサイズ）はいかがでしたか？ぜひレビューをお聞かせください。',
  emoji: '🎉 How do you like 👩‍👩‍👧‍👦 family pack 🇯🇵🇩🇪 and 🧶 yarn? 🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁🎁',
  mixed: 'A quick reminder: how is Wie gefällt Ihnen das T-Shirt „Größe M“ — und die Tasse? Café crème édition',
  longAscii: 'A quick reminder: how is Organic cotton tee in white, size M, with the long sleeves and the pocket on the left?',
  longAsciiWord: `How do you like ${'x'.repeat(90)}?`,
  longFirstWord: `${'y'.repeat(72)} fits on a continuation line but not after "Subject: "`,
  encodedLookalike: 'Literally =?UTF-8?B?SGk=?= in a subject',
  spaces: 'Two  spaces, then more words to fold: a subject long enough to need a second line',
};

const headerLines = (mime: string) => mime.split('\r\n\r\n')[0]!.split('\r\n');

/** The physical lines of one header field: its first line and the folded ones after it. */
function fieldLines(mime: string, name: string): string[] {
  const lines = headerLines(mime);
  const start = lines.findIndex((l) => l.startsWith(`${name}:`));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => !/^[ \t]/.test(l));
  return [lines[start]!, ...rest.slice(0, end === -1 ? rest.length : end)];
}

/** Every RFC 2047 encoded-word in the header block. */
const encodedWords = (mime: string) => [...mime.split('\r\n\r\n')[0]!.matchAll(/=\?[^?]+\?[BbQq]\?[^?]*\?=/g)].map((m) => m[0]);

describe('buildMime headers', () => {
  for (const [name, subject] of Object.entries(subjects)) {
    it(`a ${name} subject decodes back exactly, in words of at most 75 characters on lines of at most 78`, async () => {
      const mime = buildMime({ ...message, subject }, new Date(0));
      const parsed = await PostalMime.parse(mime);
      expect(parsed.subject).toBe(subject);
      expect(parsed.text?.trimEnd()).toBe('Hallo');
      for (const word of encodedWords(mime)) {
        expect(word.length).toBeLessThanOrEqual(75);
        // Each word decodes on its own: no UTF-8 character is split across two words.
        const b64 = word.split('?')[3]!;
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b64, 'base64'))).not.toThrow();
      }
      for (const line of headerLines(mime)) {
        // A line may pass 78 only when it is one token with nowhere to fold (a long URL), never past RFC 5322's 998.
        if (line.length > 78) expect(line.trim().split(/[ \t]+/).length, line).toBeLessThanOrEqual(2);
        expect(line.length).toBeLessThanOrEqual(998);
      }
      for (const line of fieldLines(mime, 'Subject')) expect(line.length, line).toBeLessThanOrEqual(78);
    });
  }

  it('encodes non-ASCII display names in From and To and keeps the addresses readable', async () => {
    const mime = buildMime(
      { ...message, fromAddress: 'Boutique Éléonore & Söhne — Bekleidung für die ganze Familie <reviews@shop.example>', toAddress: 'Ōtani, Shōhei <buyer@example.com>' },
      new Date(0),
    );
    const parsed = await PostalMime.parse(mime);
    expect(parsed.from).toEqual({ name: 'Boutique Éléonore & Söhne — Bekleidung für die ganze Familie', address: 'reviews@shop.example' });
    expect(parsed.to).toEqual([{ name: 'Ōtani, Shōhei', address: 'buyer@example.com' }]);
    for (const line of [...fieldLines(mime, 'From'), ...fieldLines(mime, 'To')]) expect(line.length, line).toBeLessThanOrEqual(78);
  });

  it('quotes an ASCII display name with specials so it stays one mailbox', async () => {
    const parsed = await PostalMime.parse(buildMime({ ...message, toAddress: 'Gray, Fay "F." <fay@example.com>' }, new Date(0)));
    expect(parsed.to).toEqual([{ name: 'Gray, Fay "F."', address: 'fay@example.com' }]);
  });

  it('keeps the one-click unsubscribe headers intact for mail clients', async () => {
    const parsed = await PostalMime.parse(buildMime(message, new Date(0)));
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header('list-unsubscribe')).toBe(message.headers['List-Unsubscribe']);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });
});

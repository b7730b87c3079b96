/**
 * A standard multipart/alternative message (RFC 5322 + MIME), the form the
 * file transport writes as .eml and Cloudflare's Email binding sends raw.
 * Header encoding is written here rather than taken from libmime: that
 * library's charset tables would add about 260 KB gzipped to the Worker to
 * encode UTF-8 only; the tests read every message back with postal-mime.
 */
import type { OutboxMessage } from '../../db/schema';

const CRLF = '\r\n';

const MAX_LINE = 78; // RFC 5322 2.1.1: a line SHOULD be at most 78 characters
const MAX_WORD = 75; // RFC 2047 2: an encoded-word is at most 75 characters
const WORD_OVERHEAD = '=?UTF-8?B??='.length;

const binary = (bytes: Uint8Array) => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return bin;
};

/** Printable ASCII a reader will not take for anything else (a literal `=?` would be decoded as an encoded-word). */
const isPlain = (s: string) => /^[\x20-\x7e]*$/.test(s) && !s.includes('=?');

/**
 * Builds one header field folded onto lines of at most 78 characters. Folding
 * happens only before a space (RFC 5322 2.2.3), so unfolding gives the value
 * back. Encoded text becomes RFC 2047 B-words sized to the room left on their
 * line, each holding whole code points so no UTF-8 character is split.
 */
class Field {
  private readonly lines: string[] = [];
  private line: string;

  constructor(private readonly name: string) {
    this.line = `${name}:`;
  }

  /** Words separated by single spaces; a word longer than a line stays whole (there is nowhere to fold it). */
  plain(text: string): this {
    for (const atom of text.split(' ')) {
      if (atom !== '' && this.line.length + 1 + atom.length > MAX_LINE && this.line !== `${this.name}:`) this.newLine();
      this.line += ` ${atom}`;
    }
    return this;
  }

  /** Text as encoded-words; decoders join adjacent words and drop the folding space between them. */
  encoded(text: string): this {
    const encoder = new TextEncoder();
    const points = [...text].map((p) => encoder.encode(p));
    for (let i = 0; i < points.length; ) {
      let room = MAX_LINE - this.line.length - 1;
      if (room < WORD_OVERHEAD + 8) {
        this.newLine();
        room = MAX_LINE - 1;
      }
      const maxBytes = Math.floor((Math.min(room, MAX_WORD) - WORD_OVERHEAD) / 4) * 3;
      let chunk = '';
      for (let size = 0; i < points.length && (size === 0 || size + points[i]!.length <= maxBytes); i++) {
        size += points[i]!.length;
        chunk += binary(points[i]!);
      }
      this.line += ` =?UTF-8?B?${btoa(chunk)}?=`;
    }
    return this;
  }

  /** Plain when it can be, encoded-words when it must be. */
  text(value: string): this {
    // Plain words fold only between them: the first must fit after the name, the others on a line of their own.
    const [first = '', ...rest] = value.split(' ');
    const foldable = this.line.length + 1 + first.length <= MAX_LINE && rest.every((atom) => atom.length < MAX_LINE);
    return isPlain(value) && foldable ? this.plain(value) : this.encoded(value);
  }

  /** `Name <address>` or a bare address; the display name is quoted or encoded as it needs, the address never. */
  mailbox(value: string): this {
    const named = /^(.*?)\s*<([^<>\s]+)>$/s.exec(value.trim());
    if (!named || named[1] === '') return this.plain(named ? `<${named[2]}>` : value.trim());
    const name = named[1]!.replace(/^"(.*)"$/s, '$1');
    if (!isPlain(name)) this.encoded(name);
    else this.plain(/[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/[\\"]/g, '\\$&')}"` : name);
    return this.plain(`<${named[2]}>`);
  }

  toString(): string {
    return [...this.lines, this.line].join(CRLF);
  }

  private newLine() {
    this.lines.push(this.line);
    this.line = '';
  }
}

/** Base64 body wrapped at 76 characters, as MIME requires. */
function base64Body(text: string): string {
  return (btoa(binary(new TextEncoder().encode(text))).match(/.{1,76}/g) ?? []).join(CRLF);
}

/** Headers must not let a value start a new header. */
const clean = (v: string) => v.replace(/[\r\n]+/g, ' ');

export function buildMime(msg: Pick<OutboxMessage, 'id' | 'fromAddress' | 'toAddress' | 'subject' | 'text' | 'html' | 'headers'>, date: Date): string {
  const boundary = `verity-${msg.id}`;
  const domain = /@([^@>\s]+)>?\s*$/.exec(msg.fromAddress)?.[1] ?? 'verity.invalid';
  const headers = [
    new Field('From').mailbox(clean(msg.fromAddress)),
    new Field('To').mailbox(clean(msg.toAddress)),
    new Field('Subject').text(clean(msg.subject)),
    new Field('Date').plain(date.toUTCString().replace('GMT', '+0000')),
    new Field('Message-ID').plain(`<${msg.id}@${domain}>`),
    new Field('MIME-Version').plain('1.0'),
    // Only Verity's own ASCII headers (List-Unsubscribe and the like): folded, never encoded, so URLs stay whole.
    ...Object.entries(msg.headers).map(([k, v]) => new Field(k).plain(clean(v))),
    new Field('Content-Type').plain(`multipart/alternative; boundary="${boundary}"`),
  ];
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Body(body)].join(CRLF);
  return [
    ...headers.map(String),
    '',
    part('text/plain', msg.text),
    part('text/html', msg.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/**
 * A standard multipart/alternative message (RFC 5322 + MIME), the form the
 * file transport writes as .eml and Cloudflare's Email binding sends raw.
 */
import type { OutboxMessage } from '../../db/schema';

const CRLF = '\r\n';

/** RFC 2047 encoded-word for non-ASCII header text. */
export function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const bytes = new TextEncoder().encode(value);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `=?UTF-8?B?${btoa(bin)}?=`;
}

/** Base64 body wrapped at 76 characters, as MIME requires. */
function base64Body(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return (btoa(bin).match(/.{1,76}/g) ?? []).join(CRLF);
}

/** Headers must not let a value start a new header. */
const clean = (v: string) => v.replace(/[\r\n]+/g, ' ');

export function buildMime(msg: Pick<OutboxMessage, 'id' | 'fromAddress' | 'toAddress' | 'subject' | 'text' | 'html' | 'headers'>, date: Date): string {
  const boundary = `verity-${msg.id}`;
  const domain = msg.fromAddress.split('@')[1] ?? 'verity.invalid';
  const headers: Array<[string, string]> = [
    ['From', clean(msg.fromAddress)],
    ['To', clean(msg.toAddress)],
    ['Subject', encodeHeader(clean(msg.subject))],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${msg.id}@${domain}>`],
    ['MIME-Version', '1.0'],
    ...Object.entries(msg.headers).map(([k, v]): [string, string] => [k, clean(v)]),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Body(body)].join(CRLF);
  return [
    ...headers.map(([k, v]) => `${k}: ${v}`),
    '',
    part('text/plain', msg.text),
    part('text/html', msg.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

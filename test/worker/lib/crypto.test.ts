import { describe, expect, it } from 'vitest';
import { hmacSha256, randomId, randomSecret, sha256Hex, toHex } from '../../../worker/lib/crypto';

const encoder = new TextEncoder();

describe('hmacSha256', () => {
  it('signs each message under its own secret, however calls under several secrets interleave', async () => {
    // RFC 4231, test case 2, and the same message under another key.
    const jefe = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const message = 'what do ya want for nothing?';
    const results = await Promise.all(['Jefe', 'other', 'Jefe', 'other', 'Jefe'].map(async (secret) => toHex(await hmacSha256(secret, message))));
    expect(results[0]).toBe(jefe);
    expect(results[2]).toBe(jefe);
    expect(results[4]).toBe(jefe);
    expect(results[1]).not.toBe(jefe);
    expect(results[3]).toBe(results[1]);
    expect(toHex(await hmacSha256('Jefe', encoder.encode(message)))).toBe(jefe);
  });

  it('gives the bytes Web Crypto gives for UTF-8 secrets and messages, so links and hashes made before still verify', async () => {
    const secret = 'lk_Zürich-✓-secret';
    const message = 'vote-address:2001:db8::1 ünïcödé';
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const web = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
    expect(toHex(await hmacSha256(secret, message))).toBe(toHex(web));
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 of its input, as Web Crypto does', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const input = 'store-a:voter ✓ ü';
    expect(await sha256Hex(input)).toBe(toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(input)))));
  });
});

describe('randomId and randomSecret', () => {
  it('never repeat across many pool refills, and use every value of each byte', () => {
    // 12 bytes an id: 20,000 ids draw ~60 blocks of the 4 KB pool.
    const ids = Array.from({ length: 20_000 }, () => randomId('rv'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^rv_[0-9a-hjkmnp-tv-z]{24}$/.test(id))).toBe(true);
    // The first character of each pair is the byte's low five bits: all 32 appear.
    expect(new Set(ids.flatMap((id) => [...id.slice(3)].filter((_, i) => i % 2 === 0))).size).toBe(32);
    const secrets = Array.from({ length: 2_000 }, () => randomSecret('sk'));
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(secrets.every((s) => /^sk_[A-Za-z0-9_-]{43}$/.test(s))).toBe(true);
  });
});

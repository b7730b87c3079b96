import { describe, expect, it } from 'vitest';
import { hmacSha256, toHex } from '../../../worker/lib/crypto';

describe('hmacSha256', () => {
  it('signs each message under its own secret, however calls under several secrets interleave (keys are imported once per secret)', async () => {
    // RFC 4231, test case 2, and the same message under another key.
    const jefe = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const message = 'what do ya want for nothing?';
    const results = await Promise.all(['Jefe', 'other', 'Jefe', 'other', 'Jefe'].map(async (secret) => toHex(await hmacSha256(secret, message))));
    expect(results[0]).toBe(jefe);
    expect(results[2]).toBe(jefe);
    expect(results[4]).toBe(jefe);
    expect(results[1]).not.toBe(jefe);
    expect(results[3]).toBe(results[1]);
    expect(toHex(await hmacSha256('Jefe', new TextEncoder().encode(message)))).toBe(jefe);
  });
});

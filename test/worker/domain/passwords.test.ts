/** Password hashes: their format, salts, and the decoy that unknown addresses are checked against. */
import { describe, expect, it } from 'vitest';
import { DECOY_HASH, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../../worker/domain/passwords';

describe('passwords', () => {
  it('salts every hash, so one password never hashes the same twice', async () => {
    const [a, b] = [await hashPassword('same password here'), await hashPassword('same password here')];
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('treats a composed and a decomposed é as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', hash)).toBe(true);
  });

  it('answers false, never throws, for a stored value in another format', async () => {
    for (const stored of ['', 'plain', 'bcrypt$2b$10$abc', 'pbkdf2-sha256$0$AAAA$AAAA', 'pbkdf2-sha256$x$AAAA$AAAA', 'pbkdf2-sha256$1000$!!$AAAA']) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
    }
  });

  it('checks unknown addresses against a real full-cost hash (a malformed decoy would skip the work)', async () => {
    expect(DECOY_HASH.split('$')[1]).toBe(String(PBKDF2_ITERATIONS));
    expect(await verifyPassword('verity decoy password', DECOY_HASH)).toBe(true);
  });
});

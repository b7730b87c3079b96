/**
 * The password code inside workerd: a hash made on Node verifies on Workers
 * and back, at the full cost. Cloudflare's runtime refuses PBKDF2 above
 * 100,000 iterations; open-source workerd does not (its limit is left to the
 * embedder since workerd PR #1471), so the cap is checked here as what this
 * code will make and accept, since the local runtime cannot refuse it.
 */
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../worker/domain/passwords';

let mf: Miniflare;

/** A Worker that runs worker/domain/passwords.ts as bundled for Workers, driven by JSON requests. */
const entry = `
import { hashPassword, verifyPassword } from './worker/domain/passwords';
export default {
  async fetch(request) {
    const { op, password, hash, iterations } = await request.json();
    try {
      if (op === 'hash') return Response.json({ hash: await hashPassword(password, iterations) });
      return Response.json({ ok: await verifyPassword(password, hash) });
    } catch (err) {
      return Response.json({ error: err.name + ': ' + err.message }, { status: 500 });
    }
  },
};`;

beforeAll(async () => {
  // node:* stays an import that workerd provides, as wrangler bundles it under the nodejs_compat flag (wrangler.toml).
  const bundled = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' }, bundle: true, format: 'esm', platform: 'neutral', external: ['node:*'], write: false });
  mf = new Miniflare(convertV4MiniflareOptions({ modules: true, script: bundled.outputFiles[0]!.text, compatibilityDate: '2026-11-01', compatibilityFlags: ['nodejs_compat'] }));
}, 120_000);
afterAll(async () => {
  await mf?.dispose();
});

const inWorkerd = async (body: Record<string, unknown>) => {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { hash?: string; ok?: boolean; error?: string } };
};

describe('passwords in workerd', () => {
  it('verifies a hash made on Node, and refuses the wrong password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect((await inWorkerd({ op: 'verify', password: 'correct horse battery staple', hash })).body).toEqual({ ok: true });
    expect((await inWorkerd({ op: 'verify', password: 'correct horse battery stapler', hash })).body).toEqual({ ok: false });
  });

  it('makes hashes that Node verifies', async () => {
    const { body } = await inWorkerd({ op: 'hash', password: 'made at the edge' });
    expect(body.hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword('made at the edge', body.hash!)).toBe(true);
    expect(await verifyPassword('made at the edge!', body.hash!)).toBe(false);
  });

  it(`never makes nor accepts more than ${PBKDF2_ITERATIONS} iterations, the most a deployed Worker computes`, async () => {
    const refused = await inWorkerd({ op: 'hash', password: 'x', iterations: PBKDF2_ITERATIONS + 1 });
    expect(refused.status).toBe(500);
    expect(refused.body.error).toContain(`PBKDF2 iterations must be 1 to ${PBKDF2_ITERATIONS}`);
    await expect(hashPassword('x', PBKDF2_ITERATIONS + 1)).rejects.toThrow(RangeError);
    // A stored hash that asks for more (a tampered row, another tool) is refused before any work.
    const honest = await hashPassword('x');
    const costly = honest.replace(`$${PBKDF2_ITERATIONS}$`, `$${PBKDF2_ITERATIONS * 100}$`);
    expect(await verifyPassword('x', costly)).toBe(false);
    expect((await inWorkerd({ op: 'verify', password: 'x', hash: costly })).body).toEqual({ ok: false });
  });
});

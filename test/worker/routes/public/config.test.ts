/** GET /v1/stores/:store/config: what the storefront forms read before a shopper writes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeEnvSchema, parseEnv, TURNSTILE_SCRIPT_URL, WorkerEnvSchema } from '../../../../worker/config';
import { createHarness, ORIGIN_B, type Harness } from '../../../helpers/harness';

const SECRET = '0x4AAAAAAA-test-secret';
const SITE_KEY = '0x4AAAAAAA-site';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const patch = (json: unknown) => h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json });
const enable = () => patch({ turnstile: { enabled: true, siteKey: SITE_KEY }, turnstileSecret: SECRET });

describe('GET /v1/stores/:store/config', () => {
  it('says no Turnstile by default, and whether unverified reviews are taken', async () => {
    const res = await h.call('GET', '/v1/stores/store-a/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ turnstile: null, acceptUnverified: true, media: { maxPhotos: 5, maxImageBytes: 10485760, maxImagePixels: 2048, maxVideoBytes: 52428800, maxVideoSeconds: 60, acceptImages: ['image/jpeg', 'image/webp', 'image/png'], acceptVideo: ['video/mp4', 'video/webm'] } });
    await patch({ acceptUnverified: false });
    expect((await h.call('GET', '/v1/stores/store-a/config')).body.acceptUnverified).toBe(false);
  });

  it("gives the site key and Cloudflare's script once the store turns Turnstile on, never the secret", async () => {
    expect((await enable()).status).toBe(200);
    const res = await h.call('GET', '/v1/stores/store-a/config');
    expect(res.body).toMatchObject({ turnstile: { siteKey: SITE_KEY, scriptUrl: TURNSTILE_SCRIPT_URL }, acceptUnverified: true });
    expect(res.text).not.toContain(SECRET);
    // Only the store that turned it on.
    expect((await h.call('GET', '/v1/stores/store-b/config')).body.turnstile).toBeNull();
  });

  it('says no Turnstile again once the store turns it off (writes are no longer checked)', async () => {
    await enable();
    expect((await patch({ turnstile: { enabled: false } })).status).toBe(200);
    expect((await h.call('GET', '/v1/stores/store-a/config')).body.turnstile).toBeNull();
  });

  it('names the script this instance is configured with (TURNSTILE_SCRIPT_URL)', async () => {
    h.close();
    h = await createHarness({ turnstileScriptUrl: 'http://127.0.0.1:9/api.js' });
    await enable();
    expect((await h.call('GET', '/v1/stores/store-a/config')).body.turnstile).toEqual({ siteKey: SITE_KEY, scriptUrl: 'http://127.0.0.1:9/api.js' });
  });

  it('is public and cacheable: readable from any origin, for a minute', async () => {
    const res = await h.call('GET', '/v1/stores/store-a/config', { origin: ORIGIN_B });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('returns NOT_FOUND for a store that does not exist', async () => {
    const missing = await h.call('GET', '/v1/stores/no-such-store/config');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});

describe('TURNSTILE_SCRIPT_URL', () => {
  it("defaults to Cloudflare's explicit-render script on both runtimes and must be an absolute http(s) URL", () => {
    expect(TURNSTILE_SCRIPT_URL).toBe('https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit');
    expect(parseEnv(NodeEnvSchema, {}).TURNSTILE_SCRIPT_URL).toBe(TURNSTILE_SCRIPT_URL);
    const worker = { LIBSQL_URL: 'libsql://x', PUBLIC_URL: 'https://r.example' };
    expect(parseEnv(WorkerEnvSchema, worker).TURNSTILE_SCRIPT_URL).toBe(TURNSTILE_SCRIPT_URL);
    expect(parseEnv(WorkerEnvSchema, { ...worker, TURNSTILE_SCRIPT_URL: 'http://127.0.0.1:1/api.js' }).TURNSTILE_SCRIPT_URL).toBe('http://127.0.0.1:1/api.js');
    expect(() => parseEnv(NodeEnvSchema, { TURNSTILE_SCRIPT_URL: 'api.js' })).toThrow(/TURNSTILE_SCRIPT_URL must be an absolute http\(s\) URL/);
    expect(() => parseEnv(NodeEnvSchema, { TURNSTILE_SCRIPT_URL: 'javascript:alert(1)' })).toThrow(/TURNSTILE_SCRIPT_URL/);
  });
});

describe("/demo's Content-Security-Policy", () => {
  const directive = (csp: string | null, name: string) => (csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);

  it("lets the configured Turnstile script's origin run and frame its challenge on /demo, and no other origin", async () => {
    h.close();
    h = await createHarness({ turnstileScriptUrl: 'http://127.0.0.1:4321/turnstile/v0/api.js?render=explicit' });
    for (const path of ['/demo', '/demo/collection']) {
      const csp = (await h.call('GET', path)).headers.get('content-security-policy');
      expect(directive(csp, 'script-src'), path).toEqual(["'self'", 'http://127.0.0.1:4321']);
      expect(directive(csp, 'frame-src'), path).toEqual(['http://127.0.0.1:4321']);
      expect(directive(csp, 'frame-ancestors'), path).toEqual(["'none'"]);
    }
  });

  it("defaults to challenges.cloudflare.com, and other pages stay on 'self' alone", async () => {
    const csp = (await h.call('GET', '/demo')).headers.get('content-security-policy');
    expect(directive(csp, 'script-src')).toEqual(["'self'", 'https://challenges.cloudflare.com']);
    expect(directive(csp, 'frame-src')).toEqual(['https://challenges.cloudflare.com']);
    const docs = (await h.call('GET', '/docs')).headers.get('content-security-policy');
    expect(directive(docs, 'script-src')).toEqual(["'self'"]);
    expect(directive(docs, 'frame-src')).toBeUndefined();
  });
});

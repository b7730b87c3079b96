/** /demo is the embedded default's storefront; a production deployment turns it off. */
import { afterEach, describe, expect, it } from 'vitest';
import { readNodeConfig } from '../../../worker/node';
import { createHarness, type Harness } from '../../helpers/harness';

const pages = ['/demo', '/demo/collection', '/demo/products/classic-tee'];

let h: Harness | undefined;
afterEach(() => h?.close());

describe('GET /demo', () => {
  it('serves the demo storefront when the demo is on', async () => {
    h = await createHarness({ demo: true });
    for (const page of pages) {
      const res = await h.call('GET', page);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/text\/html/);
    }
  });

  it('returns NOT_FOUND for every demo page when the demo is off', async () => {
    h = await createHarness({ demo: false });
    for (const page of pages) {
      const res = await h.call('GET', page);
      expect(res.status, page).toBe(404);
      expect(res.body.error.code, page).toBe('NOT_FOUND');
    }
    expect((await h.call('GET', '/health')).status).toBe(200);
  });
});

describe('DEMO on the embedded default', () => {
  it('is on unless DEMO=off', () => {
    expect(readNodeConfig({}).demo).toBe(true);
    expect(readNodeConfig({ DEMO: 'on' }).demo).toBe(true);
    expect(readNodeConfig({ DEMO: 'off' }).demo).toBe(false);
  });

  it('refuses a value that is neither on nor off', () => {
    expect(() => readNodeConfig({ DEMO: 'false' })).toThrow('DEMO must be "on" or "off", got "false"');
  });
});

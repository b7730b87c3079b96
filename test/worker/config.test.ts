/** Configuration is parsed once, with every default in worker/config.ts and errors that name the variable. */
import { describe, expect, it } from 'vitest';
import { NodeEnvSchema, parseEnv, WorkerEnvSchema } from '../../worker/config';
import { readNodeConfig } from '../../worker/node';

describe('the embedded default', () => {
  it('needs nothing set', () => {
    expect(readNodeConfig({})).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      libsqlUrl: 'file:data/verity.db',
      dataDir: './data',
      trustProxyHops: 0,
      writesPerMinute: 30,
      publicUrl: undefined,
      emailTransport: 'file',
      schedulerIntervalSeconds: 60,
      demo: true,
    });
  });

  it('refuses numbers that are not integers in range, naming each variable, instead of running with NaN', () => {
    expect(() => readNodeConfig({ PORT: 'eighty', RATE_LIMIT_WRITES_PER_MINUTE: '0', TRUST_PROXY_HOPS: '1.5' })).toThrow(
      /PORT must be an integer of at least 0, got "eighty"[\s\S]*TRUST_PROXY_HOPS must be an integer of at least 0, got "1.5"[\s\S]*RATE_LIMIT_WRITES_PER_MINUTE must be an integer of at least 1, got "0"/,
    );
  });

  it('refuses a PUBLIC_URL links cannot be built on, and normalises a good one', () => {
    expect(() => readNodeConfig({ PUBLIC_URL: 'reviews.shop.example' })).toThrow(/PUBLIC_URL must be an absolute http\(s\) URL/);
    expect(() => readNodeConfig({ PUBLIC_URL: 'ftp://x.example' })).toThrow(/PUBLIC_URL must start with https:\/\//);
    expect(() => readNodeConfig({ PUBLIC_URL: 'https://x.example/?a=1' })).toThrow(/query or fragment/);
    expect(readNodeConfig({ PUBLIC_URL: 'https://reviews.shop.example/' }).publicUrl).toBe('https://reviews.shop.example');
  });

  it('refuses an unknown email transport or DEMO value', () => {
    expect(() => parseEnv(NodeEnvSchema, { EMAIL_TRANSPORT: 'smtp' })).toThrow(/EMAIL_TRANSPORT must be "file" or "http"/);
    expect(() => parseEnv(NodeEnvSchema, { DEMO: 'yes' })).toThrow(/DEMO must be "on" or "off", got "yes"/);
  });
});

describe('a deployed Worker', () => {
  it('needs LIBSQL_URL and PUBLIC_URL, for requests and the scheduled handler alike', () => {
    expect(() => parseEnv(WorkerEnvSchema, {})).toThrow(/LIBSQL_URL is not set[\s\S]*PUBLIC_URL is not set/);
    const config = parseEnv(WorkerEnvSchema, { LIBSQL_URL: 'libsql://db.turso.io', PUBLIC_URL: 'https://reviews.shop.example' });
    expect(config).toMatchObject({ PUBLIC_URL: 'https://reviews.shop.example', PUBLIC_WRITES_PERIOD: 60, DEMO: false, EMAIL_API_URL: 'https://api.resend.com/emails' });
  });

  it('refuses a rate-limit period the binding cannot have', () => {
    expect(() => parseEnv(WorkerEnvSchema, { LIBSQL_URL: 'libsql://db', PUBLIC_URL: 'https://r.example', PUBLIC_WRITES_PERIOD: '30' })).toThrow(/PUBLIC_WRITES_PERIOD must be 10 or 60/);
  });
});

/** `npm run deploy` refuses a wrangler.toml that would deploy silently wrong, and names what to fill in. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { deployProblems } from '../../scripts/check-deploy';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'verity-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (config: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/check-deploy.ts', '--config', config, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** The shipped wrangler.toml, filled in as its comments and the README say: uncomment, put your values. */
function filledIn(): string {
  const shipped = readFileSync('wrangler.toml', 'utf8');
  const filled = shipped
    .replace(/^# LIBSQL_URL = .*$/m, 'LIBSQL_URL = "libsql://verity-acme.turso.io"')
    .replace(/^# PUBLIC_URL = .*$/m, 'PUBLIC_URL = "https://reviews.acme.example"')
    .replace(/^# \[\[send_email\]\]\n# name = "EMAIL"$/m, '[[send_email]]\nname = "EMAIL"')
    .replace(/^# \[\[ratelimits\]\]\n# name = (.*)\n# namespace_id = .*\n# simple = (.*)$/m, '[[ratelimits]]\nname = $1\nnamespace_id = "4242"\nsimple = $2');
  expect(filled.match(/^[A-Z_]+ = |^\[\[/gm)).toHaveLength(shipped.match(/^[A-Z_]+ = |^\[\[/gm)!.length + 4);
  return filled;
}

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('scripts/check-deploy.ts', () => {
  it('stops the shipped wrangler.toml and names each value to fill in', async () => {
    const res = await check('wrangler.toml');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Not deploying: .*wrangler\.toml is not ready/);
    for (const missing of ['LIBSQL_URL is not set', 'PUBLIC_URL is not set', 'no [[ratelimits]] binding named PUBLIC_WRITES', 'no email transport']) {
      expect(res.stderr).toContain(missing);
    }
  });

  it('passes the shipped wrangler.toml once it is filled in', async () => {
    const res = await check(write('wrangler.toml', filledIn()));
    expect(res.stderr).toBe('');
    expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining('ready to deploy') });
  });

  it('checks the environment wrangler would deploy: --env picks [env.NAME], which inherits no vars or rate limiter', async () => {
    const config = write('staging.toml', `${filledIn()}\n[env.staging]\nvars = { PUBLIC_URL = "https://staging.acme.example" }\n`);
    const res = await check(config, '--env', 'staging');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('[env.staging] is not ready');
    expect(res.stderr).toContain('LIBSQL_URL is not set');
    expect(res.stderr).toContain('no [[ratelimits]] binding named PUBLIC_WRITES');
    expect(res.stderr).not.toContain('PUBLIC_URL');
  });
});

describe('deployProblems', () => {
  const ready = {
    vars: { LIBSQL_URL: 'libsql://verity-acme.turso.io', PUBLIC_URL: 'https://reviews.acme.example', PUBLIC_WRITES_PERIOD: '60' } as Record<string, string>,
    ratelimits: [{ name: 'PUBLIC_WRITES', namespace_id: '4242', simple: { limit: 30, period: 60 as const } }],
    send_email: [{ name: 'EMAIL' }],
  };
  const problems = (change: Partial<typeof ready> & { vars?: Record<string, string> }) => deployProblems({ ...ready, ...change, vars: { ...ready.vars, ...change.vars } });

  it('accepts a complete configuration', () => {
    expect(deployProblems(ready)).toEqual([]);
  });

  it('refuses localhost, plain-http and non-origin URLs', () => {
    expect(problems({ vars: { LIBSQL_URL: 'http://127.0.0.1:8080' } })).toEqual(['LIBSQL_URL: "http://127.0.0.1:8080" points at this machine, which a deployed Worker cannot reach']);
    expect(problems({ vars: { LIBSQL_URL: 'libsql://localhost:8080' } })).toEqual([expect.stringContaining('points at this machine')]);
    expect(problems({ vars: { LIBSQL_URL: 'http://db.acme.example' } })).toEqual([expect.stringMatching(/^LIBSQL_URL: .* must start with libsql:\/\/ or https:\/\/ or wss:\/\//)]);
    expect(problems({ vars: { PUBLIC_URL: 'http://reviews.acme.example' } })).toEqual([expect.stringMatching(/^PUBLIC_URL: .* must start with https:\/\//)]);
    expect(problems({ vars: { PUBLIC_URL: 'https://acme.example/reviews' } })).toEqual([expect.stringContaining('must be an origin alone')]);
    expect(problems({ vars: { PUBLIC_URL: 'reviews.acme.example' } })).toEqual(['PUBLIC_URL: "reviews.acme.example" is not a URL']);
  });

  it('refuses secrets under [vars]', () => {
    expect(problems({ vars: { LIBSQL_AUTH_TOKEN: 'eyJ…' } })).toEqual([expect.stringContaining('npx wrangler secret put LIBSQL_AUTH_TOKEN')]);
  });

  it('refuses a rate limiter whose period differs from PUBLIC_WRITES_PERIOD', () => {
    expect(problems({ vars: { PUBLIC_WRITES_PERIOD: '10' } })).toEqual([expect.stringContaining("PUBLIC_WRITES_PERIOD is 10 but the PUBLIC_WRITES binding's period is 60")]);
  });

  it('accepts an HTTP email API instead of the binding, over https', () => {
    expect(problems({ send_email: [], vars: { EMAIL_API_URL: 'https://api.resend.com/emails' } })).toEqual([]);
    expect(problems({ send_email: [], vars: { EMAIL_API_URL: 'http://localhost:3000/emails' } })).toEqual([expect.stringMatching(/^EMAIL_API_URL: /)]);
  });

  it('refuses a DEMO that is neither on nor off', () => {
    expect(problems({ vars: { DEMO: 'on' } })).toEqual([]);
    expect(problems({ vars: { DEMO: 'yes' } })).toEqual(['DEMO must be "on" or "off", got "yes"']);
  });
});

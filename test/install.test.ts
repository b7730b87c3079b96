/**
 * What `npm install` prints on the machine's own Node, before the `node`
 * devDependency's Node 22 exists: the README's "The two commands" warns of
 * exactly these lines, so a dependency bump that changes them fails here.
 */
import { execFile } from 'node:child_process';
import { delimiter } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** PATH without node_modules/.bin folders: npm and node as the user's shell finds them. */
const machinePath = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules/.bin')).join(delimiter);
const machine = { ...process.env, PATH: machinePath };

/** The packages the README says warn on a Node 20 machine: they need Node 22, which they get. */
const needNode22 = ['@cloudflare/kv-asset-handler', 'file-type', 'miniflare', 'vitest', 'wrangler'];

describe('npm install', () => {
  it('warns EBADENGINE for the packages the README names, on Node 20, and never for Verity itself', async () => {
    const { stdout: nodeVersion } = await run('node', ['--version'], { env: machine });
    const { stderr } = await run('npm', ['install', '--dry-run', '--offline', '--no-audit', '--no-fund'], { env: machine });
    const warned = [...stderr.matchAll(/EBADENGINE\s+package: '(.+)@[^@']+'/g)].map((m) => m[1]).sort();
    const major = Number(/^v(\d+)/.exec(nodeVersion)![1]);
    expect(warned, stderr).toEqual(major < 22 ? needNode22 : []);
  });

  it('leaves no dependency install script unreviewed, so it prints no install-scripts warning', async () => {
    const { stdout } = await run('npm', ['install-scripts', 'ls', '--json'], { env: machine });
    expect(JSON.parse(stdout)).toEqual({ allowScripts: [] });
  });
});

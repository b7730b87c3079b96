/**
 * `npm run deploy [-- wrangler deploy flags]`: refuses a configuration that
 * is not filled in (scripts/check-deploy.ts), builds the widgets the static
 * assets serve, then runs `wrangler deploy` with the same flags.
 */
import { spawnSync } from 'node:child_process';
import { buildWidgets } from './build-widgets';
import { checkDeploy } from './check-deploy';

const args = process.argv.slice(2);
if (!checkDeploy(args)) process.exit(1);
await buildWidgets();
// wrangler.toml has [env.dev]; with no --env, wrangler warns that it guesses the top level. Say so.
const targeted = process.env.CLOUDFLARE_ENV || args.some((a) => a === '-e' || a === '--env' || a.startsWith('--env=') || a.startsWith('-e='));
const wrangler = spawnSync('wrangler', ['deploy', ...(targeted ? [] : ['--env=']), ...args], { stdio: 'inherit' });
process.exit(wrangler.status ?? 1);

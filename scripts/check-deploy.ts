/**
 * Refuses a Workers deploy whose configuration would run silently wrong: no
 * database, links pointing at localhost, no rate limit, no way to send email.
 * Wrangler itself deploys all of those without a word. Reads the config as
 * wrangler deploy would (same file, same --env / CLOUDFLARE_ENV resolution).
 *
 *   npx tsx scripts/check-deploy.ts [--env NAME] [--config wrangler.toml]
 */
import { parseArgs } from 'node:util';
import { unstable_readConfig, type Unstable_Config } from 'wrangler';

type DeployConfig = Pick<Unstable_Config, 'vars' | 'ratelimits' | 'send_email'>;

const loopback = (host: string) => host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || host.startsWith('127.');

/** Why `value` is not a URL a deployed Worker can use, or undefined if it is one. */
function urlProblem(value: string, schemes: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not a URL`;
  }
  if (loopback(url.hostname)) return `${JSON.stringify(value)} points at this machine, which a deployed Worker cannot reach`;
  if (!schemes.includes(url.protocol)) return `${JSON.stringify(value)} must start with ${schemes.map((s) => `${s}//`).join(' or ')}`;
  return undefined;
}

/**
 * What is missing or wrong in a configuration about to be deployed, one
 * sentence each, naming the value and where to set it. Empty when ready.
 */
export function deployProblems(config: DeployConfig): string[] {
  const problems: string[] = [];
  const vars = Object.fromEntries(Object.entries(config.vars).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));

  /** Adds the problem with the URL under `name`, if any; true when it is usable. */
  const checkUrl = (name: string, schemes: string[]): boolean => {
    const problem = urlProblem(vars[name]!, schemes);
    if (problem) problems.push(`${name}: ${problem}`);
    return !problem;
  };

  if (!vars.LIBSQL_URL) problems.push('LIBSQL_URL is not set: set it under [vars] to your Turso or sqld database (libsql://…)');
  else checkUrl('LIBSQL_URL', ['libsql:', 'https:', 'wss:']);

  if (!vars.PUBLIC_URL) problems.push("PUBLIC_URL is not set: set it under [vars] to this Worker's public origin (https://…); links in emails point there");
  else if (checkUrl('PUBLIC_URL', ['https:']) && new URL(vars.PUBLIC_URL).origin !== vars.PUBLIC_URL.replace(/\/$/, '')) {
    problems.push(`PUBLIC_URL: ${JSON.stringify(vars.PUBLIC_URL)} must be an origin alone (https://host), without a path`);
  }

  for (const secret of ['LIBSQL_AUTH_TOKEN', 'EMAIL_API_KEY']) {
    if (secret in vars) problems.push(`${secret} is under [vars], where anyone who reads wrangler.toml sees it: remove it and run \`npx wrangler secret put ${secret}\``);
  }

  const limiter = config.ratelimits.find((r) => r.name === 'PUBLIC_WRITES');
  if (!limiter) {
    problems.push('no [[ratelimits]] binding named PUBLIC_WRITES: without it public writes are not limited at all; uncomment it and choose a namespace_id of your own');
  } else {
    if (!/^[1-9][0-9]*$/.test(limiter.namespace_id)) problems.push(`PUBLIC_WRITES: namespace_id must be a positive integer, got ${JSON.stringify(limiter.namespace_id)}`);
    const period = vars.PUBLIC_WRITES_PERIOD ?? '60';
    if (String(limiter.simple.period) !== period) problems.push(`PUBLIC_WRITES_PERIOD is ${period} but the PUBLIC_WRITES binding's period is ${limiter.simple.period}: make them equal (Retry-After is computed from it)`);
  }

  const emailBinding = config.send_email.some((b) => b.name === 'EMAIL');
  if (!emailBinding && !vars.EMAIL_API_URL) {
    problems.push('no email transport: add the [[send_email]] binding named EMAIL (Cloudflare Email Sending), or set EMAIL_API_URL under [vars] and run `npx wrangler secret put EMAIL_API_KEY`; without either, review requests are never sent');
  } else if (!emailBinding) {
    checkUrl('EMAIL_API_URL', ['https:']);
  }

  if (vars.DEMO !== undefined && vars.DEMO !== 'on' && vars.DEMO !== 'off') problems.push(`DEMO must be "on" or "off", got ${JSON.stringify(vars.DEMO)}`);
  return problems;
}

/** The configuration `wrangler deploy` would use with these arguments (its own --env / --config flags). */
export function readDeployConfig(argv: string[]): { config: Unstable_Config; env: string | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: { env: { type: 'string', short: 'e' }, config: { type: 'string', short: 'c' } },
    strict: false,
    allowPositionals: true,
  });
  const env = typeof values.env === 'string' && values.env !== '' ? values.env : process.env.CLOUDFLARE_ENV || undefined;
  const config = unstable_readConfig({ config: typeof values.config === 'string' ? values.config : undefined, env }, { hideWarnings: true });
  return { config, env };
}

/** Prints the problems and returns false, or returns true when the configuration is ready. */
export function checkDeploy(argv: string[]): boolean {
  const { config, env } = readDeployConfig(argv);
  const where = `${config.configPath ?? 'wrangler.toml'}${env ? ` [env.${env}]` : ''}`;
  const problems = deployProblems(config);
  if (problems.length === 0) return true;
  console.error(`Not deploying: ${where} is not ready.\n${problems.map((p) => `  - ${p}`).join('\n')}\nThe README's "Cloudflare Workers with Turso" section says what to fill in.`);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (checkDeploy(process.argv.slice(2))) console.log('The Workers configuration is ready to deploy.');
  else process.exit(1);
}

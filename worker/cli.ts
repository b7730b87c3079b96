/**
 * `npm run verity -- <command>`: operate a Verity database from the shell.
 * Works on the embedded file (default) or any libSQL URL (Turso, sqld) given
 * in LIBSQL_URL / LIBSQL_AUTH_TOKEN, which is how a Workers deployment is
 * migrated: the Worker itself never migrates.
 */
import { normalizeEmail } from '../db/email';
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../db/client';
import { openEmbedded } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { getSetting } from '../db/queries/settings';
import { getStore, listStores } from '../db/queries/stores';
import { createStore, rotateStoreKeys } from './domain/store-keys';
import { findAdminUserByEmail } from '../db/queries/admin-users';
import { addMember, createAdminUser } from './domain/admin-accounts';
import { MIN_PASSWORD_LENGTH } from './domain/passwords';
import { base64url } from './lib/crypto';
import { urls } from './domain/urls';
import { nodeTransport, readNodeConfig } from './node';
import { runScheduler } from './domain/review-requests';
import { exportCommand, importCommand } from './cli-imports';

const usage = `Usage: npm run verity -- <command> [options]

Commands:
  db migrate                              apply migrations to LIBSQL_URL (default: the embedded file)
  stores list                             list stores
  stores create <id> --name <name> [--origin <url>]... [--moderation publish|hold]
                                          create a store; prints its keys once
  stores rotate-keys <id>                 replace the secret key, webhook secret and public key
  admins create <store> --email <email> [--password <password>] [--role owner|moderator] [--name <name>]
                                          give someone the store's dashboard (/admin), as owner by default;
                                          without --password one is made and printed once. An existing
                                          account keeps its password and is added to the store.
  scheduler run [--now <ISO time>]        send due review requests and deliver queued emails now;
                                          --now pretends it is that time (to skip the delay)
  import <store> <file> [--kind reviews|questions|votes] [--vendor auto|judgeme|yotpo|okendo|stamped|verity]
         [--dry-run] [--mapping map.json]  import reviews, Q&A or (Verity's votes.csv|json, after the reviews and
                                          Q&A) votes from a CSV or JSON file, printing progress and the
                                          rows it could not take; the same file twice adds nothing
  export <store> <reviews|questions|votes>.<csv|json>
                                          write the store's reviews, Q&A or votes to standard output

Options:
  --json                                  machine-readable output
  --help                                  this text

Environment: LIBSQL_URL (default file:./data/verity.db), LIBSQL_AUTH_TOKEN.`;

const storeIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

class UsageError extends Error {}

async function run(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      moderation: { type: 'string' },
      now: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      kind: { type: 'string' },
      vendor: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      mapping: { type: 'string' },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help || !group) return usage;

  const config = readNodeConfig();
  const client = await openEmbedded(config.libsqlUrl, config.authToken);
  const db = createDb(client);
  const out = (data: unknown, text: string) => (values.json ? JSON.stringify(data, null, 2) : text);
  try {
    if (group === 'db' && command === 'migrate') {
      await migrateDb(db);
      return out({ migrated: true, url: redact(config.libsqlUrl) }, `Migrated ${redact(config.libsqlUrl)}`);
    }
    if (group === 'scheduler' && command === 'run') {
      const now = values.now ? Date.parse(values.now) : Date.now();
      if (!Number.isFinite(now)) throw new UsageError('--now must be an ISO time such as 2026-12-01T09:00:00Z');
      await migrateDb(db);
      const baseUrl = config.publicUrl ?? (await getSetting(db, 'public_url'));
      if (!baseUrl) throw new Error('no public URL known for the links in emails: set PUBLIC_URL, or start the server (npm start) once so it records its address');
      const report = await runScheduler(db, { now, baseUrl, transport: nodeTransport(config), batchSize: 500 });
      const where = config.emailTransport === 'file' ? ` (emails in ${config.dataDir}/outbox)` : '';
      return out(report, `Requested ${report.requested}, reminded ${report.reminded}, skipped ${report.skipped}; sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}${where}`);
    }
    if (group === 'stores') {
      await migrateDb(db);
      return await storesCommand(db, command, arg, values, out);
    }
    if (group === 'import') {
      await migrateDb(db);
      return await importCommand(db, command, arg, values, out, (e) => new UsageError(e));
    }
    if (group === 'export') {
      await migrateDb(db);
      // Where the server said it is reachable, for the product pages the store keeps as paths.
      await exportCommand(db, command, arg, (e) => new UsageError(e), config.publicUrl ?? (await getSetting(db, 'public_url')) ?? undefined);
      return '';
    }
    if (group === 'admins') {
      await migrateDb(db);
      return await adminsCommand(db, command, arg, values, out);
    }
    throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  } finally {
    client.close();
  }
}

async function storesCommand(
  db: Db,
  command: string | undefined,
  id: string | undefined,
  values: { name?: string; origin?: string[]; moderation?: string },
  out: (data: unknown, text: string) => string,
): Promise<string> {
  const now = Date.now();
  switch (command) {
    case 'list': {
      const stores = await listStores(db);
      const rows = stores.map((s) => ({ id: s.id, name: s.name, publicKey: s.publicKey, allowedOrigins: s.allowedOrigins, moderation: s.settings.moderation }));
      return out(rows, rows.length ? rows.map((s) => `${s.id}\t${s.name}\t${s.allowedOrigins.join(',') || '(no origins)'}`).join('\n') : 'No stores yet.');
    }
    case 'create': {
      if (!id || !storeIdPattern.test(id)) throw new UsageError('store id must be 2-63 lower-case letters, digits or "-"');
      if (!values.name) throw new UsageError('--name is required');
      const moderation = values.moderation ?? 'publish';
      if (moderation !== 'publish' && moderation !== 'hold') throw new UsageError('--moderation must be publish or hold');
      for (const o of values.origin ?? []) {
        if (o !== '*' && (!/^https?:\/\//.test(o) || new URL(o).origin !== o)) throw new UsageError(`--origin ${o} is not an origin such as https://shop.example`);
      }
      if (await getStore(db, id)) throw new UsageError(`store "${id}" already exists`);
      const { keys } = await createStore(db, { id, name: values.name, allowedOrigins: values.origin ?? [], settings: { moderation } }, now);
      return out({ store: id, ...keys }, keysText(id, keys));
    }
    case 'rotate-keys': {
      if (!id || !(await getStore(db, id))) throw new UsageError(`no store "${id ?? ''}"`);
      const keys = await rotateStoreKeys(db, id, now);
      return out({ store: id, ...keys }, keysText(id, keys) + '\nThe old secret key and webhook secret no longer work.');
    }
    default:
      throw new UsageError(`unknown stores command: ${command ?? '(none)'}`);
  }
}

async function adminsCommand(
  db: Db,
  command: string | undefined,
  storeId: string | undefined,
  values: { email?: string; password?: string; role?: string; name?: string },
  out: (data: unknown, text: string) => string,
): Promise<string> {
  if (command !== 'create') throw new UsageError(`unknown admins command: ${command ?? '(none)'}`);
  if (!storeId || !(await getStore(db, storeId))) throw new UsageError(`no store "${storeId ?? ''}"`);
  const email = values.email === undefined ? undefined : normalizeEmail(values.email);
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email must be an email address');
  const role = values.role ?? 'owner';
  if (role !== 'owner' && role !== 'moderator') throw new UsageError('--role must be owner or moderator');
  if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const now = Date.now();
  const existing = await findAdminUserByEmail(db, email);
  if (existing && values.password !== undefined) throw new UsageError(`${email} already has an account; it keeps its password (reset it from /admin)`);
  const password = existing ? undefined : (values.password ?? base64url(crypto.getRandomValues(new Uint8Array(12))));
  const user = existing ?? (await createAdminUser(db, { email, password: password!, name: values.name }, now));
  const given = await addMember(db, storeId, user, role, { kind: 'system', id: 'cli', label: 'command line' }, now);
  const shown = password && values.password === undefined ? `\n  password  ${password}  (shown once)` : '';
  // Where the server said it is reachable (PUBLIC_URL, or what `npm start` recorded).
  const base = readNodeConfig().publicUrl ?? (await getSetting(db, 'public_url'));
  return out(
    { store: storeId, email, role: given, userId: user.id, created: !existing, ...(shown ? { password } : {}) },
    `${existing ? 'Added' : 'Created'} ${email} as ${given} of ${storeId}.${given === role ? '' : ' (already an owner; demote from /admin)'}${shown}\nSign in at ${base ? urls.admin(base) : '<public URL>/admin'}.`,
  );
}

const keysText = (id: string, k: { publicKey: string; secretKey: string; webhookSecret: string }) =>
  `Store ${id} (keys are shown once; keep the secret ones secret):\n  public key     ${k.publicKey}\n  secret key     ${k.secretKey}\n  webhook secret ${k.webhookSecret}`;

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

run(process.argv.slice(2)).then(
  (text) => {
    if (text) console.log(text);
  },
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${usage}` : err instanceof Error ? err.message : String(err));
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);

/**
 * The subcommands that work on the collector's database: `run` (one trainer run), `eval` (how the pack
 * the confirmed clusters make would do, per category, against the one served now) and `build-pack`
 * (build, gate and sign it; write it to a file or publish it). The same library code runs in-process in
 * the collector; these are for Postgres deployments, cron and maintainers at a terminal.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createDb, type Db } from '@tapheal/db';
import { signingKeyFromPem, signPack, type SigningKey } from '@tapheal/rules';
import { TrainerError } from '../errors.js';
import { comparePacks } from '../evaluate/compare-packs.js';
import { evaluatePack } from '../evaluate/evaluate-pack.js';
import { isSameContent } from '../pack/build-pack.js';
import { describeRefusals, draftFromClusters, publishFromClusters, regressionReasons, type PackSigner } from '../publish/publish-pack.js';
import { startTrainerRun } from '../run.js';
import { CommandError, EXIT_FAILURE, EXIT_OK, parseOptions, usageError, type CliIo, type Command } from './command.js';

/** DESIGN.md's defaults, as the collector has them. */
const DEFAULT_MIN_REPORTS = 50;
const DEFAULT_MIN_CLUSTER_INSTALLS = 3;
const DEFAULT_TTL_DAYS = 30;

const DATABASE_OPTIONS = { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } } as const;

async function openDatabase(values: { 'database-url'?: string; 'data-dir'?: string }, env: Readonly<Record<string, string | undefined>>): Promise<Db> {
  const url = values['database-url'] ?? env.DATABASE_URL;
  if (!url && !values['data-dir']) throw usageError('set DATABASE_URL (or --database-url URL), or --data-dir DIR for an embedded database');
  try {
    return await createDb(url ? { url } : { dataDir: values['data-dir']! });
  } catch (error) {
    throw new CommandError(EXIT_FAILURE, `cannot open the database: ${(error as Error).message}`, { cause: error });
  }
}

async function withDatabase<T>(values: { 'database-url'?: string; 'data-dir'?: string }, env: Readonly<Record<string, string | undefined>>, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(values, env);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw usageError(`--${name} must be a whole number, not "${raw}"`);
  return value;
}

const say = (io: CliIo, line: string) => io.stderr.write(`tapheal-trainer: ${line}\n`);

export const runCommand: Command = {
  usage: `  run [--min-reports N] [--min-cluster-installs N] [--database-url URL | --data-dir DIR]
                           one trainer run: cluster new reports, promote candidates; prints its stats
                           as JSON; progress on stderr. Refused while another run is going`,
  async run(args, io, env) {
    const { values } = parseOptions('run', args, { ...DATABASE_OPTIONS, 'min-reports': { type: 'string' }, 'min-cluster-installs': { type: 'string' } });
    const minReports = positiveInteger('min-reports', values['min-reports'] ?? env.TAPHEAL_MIN_REPORTS, DEFAULT_MIN_REPORTS);
    const minClusterInstalls = positiveInteger('min-cluster-installs', values['min-cluster-installs'] ?? env.TAPHEAL_MIN_CLUSTER_INSTALLS, DEFAULT_MIN_CLUSTER_INSTALLS);
    return withDatabase(values, env, async (db) => {
      const controller = new AbortController();
      const interrupt = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', interrupt);
      try {
        const handle = await startTrainerRun(db, { trigger: 'cli', minReports, minClusterInstalls, signal: controller.signal, onProgress: ({ assigned }) => say(io, `clustered ${assigned} new reports`) });
        say(io, `run ${handle.id} started`);
        const stats = await handle.done;
        if (!stats) throw new CommandError(EXIT_FAILURE, `run ${handle.id} failed or was interrupted: GET /v1/trainer/runs/${handle.id} has the reason`);
        io.stdout.write(`${JSON.stringify({ id: handle.id, ...stats })}\n`);
        return EXIT_OK;
      } catch (error) {
        if (error instanceof TrainerError && error.code === 'TRAINER_BUSY') {
          throw new CommandError(EXIT_FAILURE, `another trainer run is going (${String(error.details.runningId ?? 'unknown id')}): try again when it has finished`);
        }
        throw error;
      } finally {
        process.off('SIGINT', interrupt);
      }
    });
  },
};

async function loadKey(file: string | undefined): Promise<SigningKey> {
  if (!file) throw usageError('needs --key FILE (an ed25519 private key; tapheal-trainer keygen makes one)');
  const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CommandError(EXIT_FAILURE, `cannot read the key ${file}: ${error.code ?? error.message}`);
  });
  const key = signingKeyFromPem(pem);
  if (!key.ok) throw new CommandError(EXIT_FAILURE, `${file} is not an ed25519 private key: ${key.detail}`);
  return key.value;
}

/** The pack the confirmed clusters make now, and every reason the publication gate would give against it. */
async function gatedDraft(db: Db, signer: Pick<PackSigner, 'ttlDays' | 'now'>) {
  const { base, confirmed, samples, draft } = await draftFromClusters(db, signer);
  if (!draft.ok) throw new CommandError(EXIT_FAILURE, `the confirmed clusters do not make a valid pack:\n  ${describeRefusals(draft).join('\n  ')}`);
  const reasons = [...evaluatePack(draft.pack, samples).reasons, ...regressionReasons(base, draft.pack, samples)];
  return { base, confirmed, pack: draft.pack, samples, reasons };
}

export const evalCommand: Command = {
  usage: `  eval [--json] [--database-url URL | --data-dir DIR]
                           how the pack the confirmed clusters make would do, per labelled category,
                           against the pack served now; exit 1 when the gate would refuse it`,
  async run(args, io, env) {
    const { values } = parseOptions('eval', args, { ...DATABASE_OPTIONS, json: { type: 'boolean' } });
    return withDatabase(values, env, async (db) => {
      // Nothing is signed here: the draft needs a clock and a lifetime only.
      const { base, confirmed, pack, samples, reasons } = await gatedDraft(db, { ttlDays: DEFAULT_TTL_DAYS, now: () => new Date() });
      const comparison = comparePacks(base, pack, samples, []);
      const passed = reasons.length === 0;
      const unchanged = isSameContent(pack, base);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ passed, unchanged, baseVersion: base.version, reasons, categories: comparison.categories, macroF1: comparison.macroF1, rules: { added: comparison.rules.added.length, removed: comparison.rules.removed.length, changed: comparison.rules.changed.length } })}\n`);
      } else {
        io.stdout.write(`candidate against v${base.version}: ${confirmed.length} confirmed clusters, ${comparison.labelled} labelled reports, macro F1 ${comparison.macroF1.before.toFixed(3)} -> ${comparison.macroF1.after.toFixed(3)}\n`);
        io.stdout.write(`${'category'.padEnd(24)} ${'support'.padStart(7)}  precision        recall           F1\n`);
        for (const row of comparison.categories) {
          const pair = (before: number, after: number) => `${before.toFixed(3)} -> ${after.toFixed(3)}`;
          io.stdout.write(`${row.category.padEnd(24)} ${String(row.support).padStart(7)}  ${pair(row.before.precision, row.after.precision)}  ${pair(row.before.recall, row.after.recall)}  ${pair(row.before.f1, row.after.f1)}  ${row.change}\n`);
        }
        io.stdout.write(unchanged ? 'nothing new to publish\n' : passed ? 'the gate would publish it\n' : `the gate would refuse it:\n  ${reasons.join('\n  ')}\n`);
      }
      return passed ? EXIT_OK : EXIT_FAILURE;
    });
  },
};

export const buildPackCommand: Command = {
  usage: `  build-pack --key FILE (--out FILE | --publish) [--ttl-days N] [--database-url URL | --data-dir DIR]
                           build the next pack from the confirmed clusters, gate it as eval does, sign it
                           with the key; write the signed envelope to FILE, or publish it as the next
                           version (the key is registered; clients must trust it)`,
  async run(args, io, env) {
    const { values } = parseOptions('build-pack', args, { ...DATABASE_OPTIONS, key: { type: 'string' }, out: { type: 'string' }, publish: { type: 'boolean' }, 'ttl-days': { type: 'string' } });
    if (!values.out === !values.publish) throw usageError('build-pack needs exactly one of --out FILE and --publish');
    const ttlDays = positiveInteger('ttl-days', values['ttl-days'], DEFAULT_TTL_DAYS);
    if (ttlDays === 0) throw usageError('--ttl-days must be at least 1');
    const signingKey = await loadKey(values.key);
    const signer: PackSigner = { signingKey, ttlDays, now: () => new Date() };
    return withDatabase(values, env, async (db) => {
      if (values.publish) {
        const outcome = await publishFromClusters(db, signer);
        if (!outcome.ok) throw new CommandError(EXIT_FAILURE, `not published (${outcome.error}):\n  ${outcome.reasons.join('\n  ')}`);
        io.stdout.write(`${JSON.stringify({ published: outcome.pack.version, keyid: outcome.pack.keyid, etag: outcome.pack.etag, rules: outcome.pack.rules })}\n`);
        return EXIT_OK;
      }
      const { pack, reasons } = await gatedDraft(db, signer);
      if (reasons.length > 0) throw new CommandError(EXIT_FAILURE, `the gate refuses this pack:\n  ${reasons.join('\n  ')}`);
      await writeFile(values.out!, `${JSON.stringify(signPack(pack, [signingKey]))}\n`);
      say(io, `wrote pack v${pack.version} (${pack.rules.length} rules, signed by ${signingKey.keyid.slice(0, 16)}) to ${values.out}`);
      return EXIT_OK;
    });
  },
};

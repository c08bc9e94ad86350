/**
 * Publishing packs: the built-in pack as version 1 on a fresh database, and later packs built from the
 * clusters maintainers confirmed, gated by the trainer's evaluation: every confirmed cluster is
 * recognised, and no category maintainers labelled does worse than with the pack served now. Signing
 * happens here, with the collector's (or the trainer CLI's) key; the stored body is the exact envelope every replica serves, with its ETag.
 */
import { createHash, createPublicKey } from 'node:crypto';
import {
  BUILTIN_PACK,
  FIX_KINDS,
  parseEnvelope,
  parsePack,
  signPack,
  type FixKind,
  type Pack,
  type SigningKey,
} from '@tapheal/rules';
import {
  clusterMessages,
  confirmedClusters,
  latestPack,
  mergedIntoConfirmed,
  publishPack,
  registerSigningKey,
  ruleOutcomes,
  type ClusterRecord,
  type Db,
  type PackRecord,
} from '@tapheal/db';
import { comparePacks, regressingRules } from '../evaluate/compare-packs.js';
import { evaluatePack, type Evaluation, type LabelledSample } from '../evaluate/evaluate-pack.js';
import { buildPack, isSameContent, type BuildPackResult, type ConfirmedCluster } from '../pack/build-pack.js';

/** Reports per confirmed cluster that the evaluation gate classifies. */
export const EVALUATION_SAMPLE_REPORTS = 500;

export interface PackSigner {
  signingKey: SigningKey;
  /** Keys every pack announces for a rotation (TAPHEAL_NEXT_SIGNING_KEY_FILE). */
  announceKeys?: readonly { keyid: string; pem: string }[];
  ttlDays: number;
  now: () => Date;
}

/** The stored row of a signed pack: the envelope as every replica serves it, and its ETag. */
export function envelopeRow(pack: Pack, signer: PackSigner, source: string, evaluation: Evaluation | null, publishedBy: string | null = null) {
  const body = JSON.stringify(signPack(pack, [signer.signingKey]));
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
    keyid: signer.signingKey.keyid,
    source,
    rules: pack.rules.length,
    createdAt: new Date(pack.createdAt),
    expiresAt: new Date(pack.expiresAt),
    evaluation,
    publishedBy,
  };
}

/** Registers the public key, and on a database with no pack yet publishes the built-in pack as version 1. */
export async function publishInitialPack(db: Db, signer: PackSigner): Promise<PackRecord | null> {
  const pem = createPublicKey(signer.signingKey.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  await registerSigningKey(db, { keyid: signer.signingKey.keyid, pem }, signer.now());
  for (const key of signer.announceKeys ?? []) await registerSigningKey(db, key, signer.now());
  return publishPack(
    db,
    (version) => {
      const now = signer.now();
      const pack: Pack = {
        ...BUILTIN_PACK,
        version,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + signer.ttlDays * 86_400_000).toISOString(),
        ...(signer.announceKeys?.length ? { keys: signer.announceKeys.map(({ keyid, pem }) => ({ keyid, pem })) } : {}),
      };
      return envelopeRow(pack, signer, 'builtin', null);
    },
    { onlyIfEmpty: true },
  );
}

export type PublishOutcome =
  | { ok: true; pack: PackRecord; evaluation: Evaluation }
  | { ok: false; status: 409 | 422; error: 'nothing_to_publish' | 'evaluation_failed'; reasons: string[]; evaluation?: Evaluation };

/** What the next pack is built from: the servable pack, the confirmed clusters and their build. */
export interface PackDraft {
  baseRecord: PackRecord | null;
  base: Pack;
  /** Confirmed clusters: the evaluation samples their reports. */
  confirmed: ConfirmedCluster[];
  /** Clusters merged into confirmed ones: a rule each, labelled as their target, no sample of their own. */
  merged: ConfirmedCluster[];
  /** Reports of each confirmed cluster: what the rules must not take from another label, and what the gate scores. */
  samples: LabelledSample[];
  build: (version: number) => BuildPackResult;
  draft: BuildPackResult;
}

export async function draftFromClusters(db: Db, signer: Pick<PackSigner, 'ttlDays' | 'now' | 'announceKeys'>): Promise<PackDraft> {
  const baseRecord = await latestPack(db);
  const base = baseRecord ? packOf(baseRecord.body) : BUILTIN_PACK;
  const confirmed = (await confirmedClusters(db)).map(toConfirmedCluster);
  const merged = (await mergedIntoConfirmed(db)).map(toConfirmedCluster);
  const outcomes = await ruleOutcomes(db);
  const clusters = [...confirmed, ...merged];
  // What each rule must not match: the reports of the clusters labelled otherwise.
  const samples = await evaluationSamples(db, confirmed);
  const build = (version: number) =>
    buildPack({ base, clusters, version, now: signer.now(), ttlDays: signer.ttlDays, outcomes, samples, ...(signer.announceKeys ? { keys: signer.announceKeys } : {}) });
  return { baseRecord, base, confirmed, merged, samples, build, draft: build(base.version + 1) };
}

export const describeRefusals = (draft: Extract<BuildPackResult, { ok: false }>): string[] =>
  draft.refusals.map((r) => (r.clusterId ? `cluster ${r.clusterId}: ${r.detail}` : r.detail));

/** Up to EVALUATION_SAMPLE_REPORTS messages of each confirmed cluster, labelled with its category. */
export async function evaluationSamples(db: Db, clusters: readonly ConfirmedCluster[]): Promise<LabelledSample[]> {
  return Promise.all(
    clusters.map(async (cluster) => ({ clusterId: cluster.id, category: cluster.category, messages: await clusterMessages(db, cluster.id, EVALUATION_SAMPLE_REPORTS) })),
  );
}

/**
 * Builds, evaluates, signs and publishes the next pack from the confirmed clusters. The decisions are
 * made on a draft; the pack is built again under the publication lock with the version it gets there.
 */
export async function publishFromClusters(db: Db, signer: PackSigner): Promise<PublishOutcome> {
  const { base, samples, build, draft } = await draftFromClusters(db, signer);
  if (!draft.ok) return { ok: false, status: 422, error: 'evaluation_failed', reasons: describeRefusals(draft) };
  if (isSameContent(draft.pack, base)) {
    return { ok: false, status: 409, error: 'nothing_to_publish', reasons: ['the confirmed clusters and announced keys add nothing to the latest pack'] };
  }
  const evaluation = evaluatePack(draft.pack, samples);
  if (!evaluation.passed) return { ok: false, status: 422, error: 'evaluation_failed', reasons: evaluation.reasons, evaluation };
  const regressions = regressionReasons(base, draft.pack, samples);
  if (regressions.length > 0) return { ok: false, status: 422, error: 'evaluation_failed', reasons: regressions, evaluation };
  const published = await publishPack(db, (version) => {
    const built = build(version);
    return built.ok ? envelopeRow(built.pack, signer, 'clusters', evaluation) : null;
  });
  if (!published) return { ok: false, status: 409, error: 'nothing_to_publish', reasons: ['the pack could not be rebuilt under the publication lock'] };
  return { ok: true, pack: published, evaluation };
}

/** One reason per labelled category the candidate does worse on than the pack served now, naming the rules. */
export function regressionReasons(base: Pack, candidate: Pack, samples: readonly LabelledSample[]): string[] {
  const comparison = comparePacks(base, candidate, samples, []);
  const rules = regressingRules(base, candidate, samples);
  return comparison.categories
    .filter((category) => category.change === 'regresses')
    .map((category) => {
      const named = rules.get(category.category) ?? [];
      return `${category.category} does worse than in v${base.version}: F1 ${category.before.f1.toFixed(3)} -> ${category.after.f1.toFixed(3)}${named.length > 0 ? `; rules that now take its reports: ${named.join(', ')}` : ''}`;
    });
}

function toConfirmedCluster(row: ClusterRecord): ConfirmedCluster {
  const fix = row.fix && (FIX_KINDS as readonly string[]).includes(row.fix) ? (row.fix as FixKind) : 'report_only';
  return { id: row.id, template: row.template, category: row.category!, fix, note: row.note, reports: row.reports, installs: row.installs };
}

/** The pack inside a stored envelope; stored bodies were signed here, so they parse. */
export function packOf(body: string): Pack {
  const envelope = parseEnvelope(JSON.parse(body));
  const pack = envelope.ok ? parsePack(envelope.value.signed) : null;
  if (!pack?.ok) throw new Error('a stored pack does not parse');
  return pack.value;
}

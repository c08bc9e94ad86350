/**
 * Candidate packs for the review UI: build the next pack from the confirmed clusters without publishing
 * it, evaluate it (the same gate as `POST /v1/packs`) and compare it with the published pack; later sign
 * and publish exactly that content, or discard it. A candidate is published only while the pack it was
 * compared with is still the latest servable one, so what a maintainer reviewed is what clients get.
 */
import { randomUUID } from 'node:crypto';
import { parsePack, type Pack } from '@tapheal/rules';
import {
  decidePackCandidate,
  getPackCandidate,
  insertPackCandidate,
  publishPack,
  recentMessages,
  type Db,
  type PackCandidateRecord,
  type PackRecord,
} from '@tapheal/db';
import { evaluatePack, isSameContent, type Evaluation } from '@tapheal/trainer';
import { comparePacks, regressionReasons } from '@tapheal/trainer';
import { describeRefusals, draftFromClusters, envelopeRow, type PackSigner } from '@tapheal/trainer';

/** The newest reports re-classified by both packs to measure coverage. */
export const COVERAGE_SAMPLE_REPORTS = 2_000;

export type CandidateFailure = { ok: false; status: 404 | 409 | 422; error: string; message: string; reasons?: string[] };

export async function buildCandidate(db: Db, signer: PackSigner, actor: string): Promise<{ ok: true; candidate: PackCandidateRecord } | CandidateFailure> {
  const { baseRecord, base, samples, draft } = await draftFromClusters(db, signer);
  if (!draft.ok) {
    const reasons = describeRefusals(draft);
    return { ok: false, status: 422, error: 'build_refused', message: 'the confirmed clusters do not make a valid pack', reasons };
  }
  if (isSameContent(draft.pack, base)) {
    return { ok: false, status: 409, error: 'nothing_to_publish', message: `the confirmed clusters add nothing to pack v${base.version}: confirm or relabel clusters first` };
  }
  const evaluation = evaluatePack(draft.pack, samples);
  const regressions = regressionReasons(base, draft.pack, samples);
  const comparison = comparePacks(base, draft.pack, samples, await recentMessages(db, COVERAGE_SAMPLE_REPORTS));
  const candidate = await insertPackCandidate(db, {
    id: randomUUID(),
    createdAt: signer.now(),
    createdBy: actor,
    baseVersion: baseRecord?.version ?? 0,
    pack: draft.pack,
    passed: evaluation.passed && regressions.length === 0,
    reasons: [...evaluation.reasons, ...regressions],
    evaluation,
    comparison,
  });
  return { ok: true, candidate };
}

export async function publishCandidate(db: Db, signer: PackSigner, id: string, actor: string): Promise<{ ok: true; pack: PackRecord } | CandidateFailure> {
  const candidate = await getPackCandidate(db, id);
  if (!candidate) return { ok: false, status: 404, error: 'not_found', message: 'no such candidate' };
  if (candidate.status !== 'open') return { ok: false, status: 409, error: 'decided', message: `this candidate was ${candidate.status} already` };
  if (!candidate.passed) return { ok: false, status: 422, error: 'evaluation_failed', message: 'this candidate did not pass the evaluation gate', reasons: candidate.reasons as string[] };
  const parsed = parsePack(candidate.pack);
  if (!parsed.ok) return { ok: false, status: 422, error: 'invalid_pack', message: `the stored candidate is not a valid pack: ${parsed.detail}` };
  let servable: number | null = null;
  const published = await publishPack(db, (version, { latestServable }) => {
    servable = latestServable;
    if ((latestServable ?? 0) !== candidate.baseVersion) return null;
    const signed = restamp(parsed.value, version, signer);
    return signed ? envelopeRow(signed, signer, 'clusters', candidate.evaluation as Evaluation, actor) : null;
  });
  if (!published) {
    const now = servable === null ? 'no pack is servable now' : `pack v${servable} is the latest now`;
    return { ok: false, status: 409, error: 'stale', message: `this candidate was compared with pack v${candidate.baseVersion}, but ${now}: build a new candidate` };
  }
  await decidePackCandidate(db, id, { status: 'published', by: actor, at: signer.now(), publishedVersion: published.version });
  return { ok: true, pack: published };
}

export async function discardCandidate(db: Db, id: string, actor: string, at: Date): Promise<{ ok: true } | CandidateFailure> {
  const decided = await decidePackCandidate(db, id, { status: 'discarded', by: actor, at });
  if (decided) return { ok: true };
  const candidate = await getPackCandidate(db, id);
  return candidate
    ? { ok: false, status: 409, error: 'decided', message: `this candidate was ${candidate.status} already` }
    : { ok: false, status: 404, error: 'not_found', message: 'no such candidate' };
}

/** The candidate's content under its published version and dates. */
function restamp(pack: Pack, version: number, signer: PackSigner): Pack | null {
  const now = signer.now();
  const parsed = parsePack({ ...pack, version, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + signer.ttlDays * 86_400_000).toISOString() });
  return parsed.ok ? parsed.value : null;
}

/**
 * Packs: the history with rule diffs, one version with its rules and their measured fix rates (and a yank
 * form), and candidates: build one from the confirmed clusters, see how it compares with the served pack
 * per category, then publish or discard it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPackCandidate, latestPack, listPackCandidates, listPacks, packByVersion, recentPackBodies, ruleOutcomes, yankPack } from '@tapheal/db';
import { diffRules } from '@tapheal/trainer';
import { buildCandidate, discardCandidate, publishCandidate } from '../../services/pack-candidate.js';
import { packOf } from '@tapheal/trainer';
import { field, sessionOf, type UiContext } from '../context.js';
import { uiUrl } from '../html.js';
import { candidateView } from '../views/candidate.js';
import { packListView, type PackHistoryRow } from '../views/pack-list.js';
import { packVersionView } from '../views/pack-version.js';

/** Packs listed in the history, newest first. */
export const HISTORY_PACKS = 50;
const CANDIDATES_LISTED = 10;
const MAX_YANK_REASON_CHARS = 500;

const VersionParams = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647) });
const CandidateParams = z.object({ id: z.uuid() });
const DoneQuery = z.object({ done: z.string().max(32).optional() });

const YANK_PROBLEMS = {
  not_found: 'there is no such pack version',
  already_yanked: 'that pack was yanked already',
  last_servable: 'it is the last pack clients can fetch: publish a better one first',
} as const;

export function packRoutes(app: FastifyInstance, ctx: UiContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const listPage = async (request: FastifyRequest, reply: FastifyReply, options: { problem?: string; reasons?: string[]; status?: number; notice?: string | null }) => {
    const [packs, candidates, latest, stored] = await Promise.all([
      listPacks(ctx.db),
      listPackCandidates(ctx.db, CANDIDATES_LISTED),
      latestPack(ctx.db),
      recentPackBodies(ctx.db, HISTORY_PACKS + 1),
    ]);
    const bodies = new Map(stored.map((row) => [row.version, packOf(row.body)]));
    const history: PackHistoryRow[] = packs.slice(0, HISTORY_PACKS).map((pack) => {
      const previous = bodies.get(pack.version - 1) ?? null;
      return { pack, diff: diffRules(previous, bodies.get(pack.version)!) };
    });
    const body = packListView({ history, candidates, servedVersion: latest?.version ?? null, session: request.uiSession, reasons: options.reasons ?? [] });
    return ctx.send(request, reply, { title: 'Packs', section: 'packs', body, problem: options.problem ?? null, notice: options.notice ?? null }, options.status ?? 200);
  };

  typed.get('/packs', { schema: { querystring: DoneQuery } }, async (request, reply) =>
    listPage(request, reply, { notice: request.query.done === 'discarded' ? 'Candidate discarded: nothing was published.' : null }),
  );

  typed.post('/packs/candidates', async (request, reply) => {
    const built = await buildCandidate(ctx.db, ctx.signer, sessionOf(request).name);
    if (!built.ok) return listPage(request, reply, { problem: built.message, reasons: built.reasons ?? [], status: built.status });
    request.log.info({ candidateId: built.candidate.id, passed: built.candidate.passed }, 'candidate pack built');
    return reply.redirect(uiUrl(`/packs/candidates/${built.candidate.id}`), 303);
  });

  const candidatePage = async (request: FastifyRequest, reply: FastifyReply, id: string, options: { problem?: string; status?: number } = {}) => {
    const candidate = await getPackCandidate(ctx.db, id);
    if (!candidate) return reply.callNotFound();
    const latest = await latestPack(ctx.db);
    const body = candidateView({ candidate, servedVersion: latest?.version ?? null, session: request.uiSession });
    return ctx.send(request, reply, { title: 'Candidate pack', section: 'packs', body, problem: options.problem ?? null }, options.status ?? 200);
  };

  typed.get('/packs/candidates/:id', { schema: { params: CandidateParams } }, async (request, reply) => candidatePage(request, reply, request.params.id));

  typed.post('/packs/candidates/:id/publish', { schema: { params: CandidateParams } }, async (request, reply) => {
    const outcome = await publishCandidate(ctx.db, ctx.signer, request.params.id, sessionOf(request).name);
    if (!outcome.ok) {
      if (outcome.status === 404) return reply.callNotFound();
      return candidatePage(request, reply, request.params.id, { problem: [outcome.message, ...(outcome.reasons ?? [])].join(' '), status: outcome.status });
    }
    request.log.info({ version: outcome.pack.version, rules: outcome.pack.rules }, 'pack published');
    return reply.redirect(uiUrl(`/packs/${outcome.pack.version}`, { done: 'published' }), 303);
  });

  typed.post('/packs/candidates/:id/discard', { schema: { params: CandidateParams } }, async (request, reply) => {
    const outcome = await discardCandidate(ctx.db, request.params.id, sessionOf(request).name, ctx.now());
    if (!outcome.ok) {
      if (outcome.status === 404) return reply.callNotFound();
      return candidatePage(request, reply, request.params.id, { problem: outcome.message, status: outcome.status });
    }
    return reply.redirect(uiUrl('/packs', { done: 'discarded' }), 303);
  });

  const versionPage = async (request: FastifyRequest, reply: FastifyReply, version: number, options: { problem?: string; status?: number; notice?: string | null } = {}) => {
    const record = await packByVersion(ctx.db, version);
    if (!record) return reply.callNotFound();
    const [previous, latest, outcomes] = await Promise.all([packByVersion(ctx.db, version - 1), latestPack(ctx.db), ruleOutcomes(ctx.db)]);
    const pack = packOf(record.body);
    const { body: _body, ...summary } = record;
    const view = packVersionView({
      record: summary,
      pack,
      diff: diffRules(previous ? packOf(previous.body) : null, pack),
      outcomes,
      servedVersion: latest?.version ?? null,
      session: request.uiSession,
    });
    return ctx.send(request, reply, { title: `Pack v${version}`, section: 'packs', body: view, problem: options.problem ?? null, notice: options.notice ?? null }, options.status ?? 200);
  };

  typed.get('/packs/:version', { schema: { params: VersionParams, querystring: DoneQuery } }, async (request, reply) => {
    const notice = request.query.done === 'published' ? `Published. Clients fetch v${request.params.version} at /v1/packs/latest from now on.` : request.query.done === 'yanked' ? 'Yanked: /v1/packs/latest serves the newest pack left.' : null;
    return versionPage(request, reply, request.params.version, { notice });
  });

  typed.post('/packs/:version/yank', { schema: { params: VersionParams } }, async (request, reply) => {
    const reason = field(request.body, 'reason');
    if (reason.length > MAX_YANK_REASON_CHARS) {
      return versionPage(request, reply, request.params.version, { problem: `a reason is at most ${MAX_YANK_REASON_CHARS} characters`, status: 422 });
    }
    const result = await yankPack(ctx.db, request.params.version, reason || null, ctx.signer.now(), sessionOf(request).name);
    if (!result.ok) {
      if (result.reason === 'not_found') return reply.callNotFound();
      return versionPage(request, reply, request.params.version, { problem: YANK_PROBLEMS[result.reason], status: 409 });
    }
    request.log.info({ version: result.pack.version }, 'pack yanked');
    return reply.redirect(uiUrl(`/packs/${result.pack.version}`, { done: 'yanked' }), 303);
  });
}

/**
 * Trainer runs: the recent runs and a button to start one; a run's page, which follows its progress while
 * it runs (a small script polls /progress; without script the page says to reload) and then shows what
 * it changed in the clusters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clustersByIds, getRunChanges, getTrainerRun, listTrainerRuns, recordRunStarter, reportsWithoutCluster, runningTrainerRun, type TrainerRunRecord } from '@tapheal/db';
import { TrainerError } from '@tapheal/trainer';
import type { ClusterDiff } from '../../services/cluster-diff.js';
import { sessionOf, type UiContext } from '../context.js';
import { formatNumber } from '../format.js';
import { uiUrl } from '../html.js';
import { runListView } from '../views/run-list.js';
import { runView } from '../views/run.js';

const RUNS_LISTED = 20;
const RunParams = z.object({ id: z.uuid() });

export function runRoutes(app: FastifyInstance, ctx: UiContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const progressText = (run: TrainerRunRecord, waiting: number) => {
    const assigned = ctx.trainer.progress(run.id)?.assigned;
    return assigned === undefined
      ? `Running: ${formatNumber(waiting)} reports still wait for a cluster.`
      : `Running: ${formatNumber(assigned)} reports assigned so far, ${formatNumber(waiting)} still waiting.`;
  };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, options: { problem?: string; status?: number; runningId?: string | null } = {}) => {
    const [runs, waiting] = await Promise.all([listTrainerRuns(ctx.db, RUNS_LISTED), reportsWithoutCluster(ctx.db)]);
    const body = runListView({ runs, waiting, session: request.uiSession, gates: ctx.gates, runningId: options.runningId ?? null });
    return ctx.send(request, reply, { title: 'Trainer runs', section: 'runs', body, problem: options.problem ?? null }, options.status ?? 200);
  };

  typed.get('/runs', async (request, reply) => listPage(request, reply));

  typed.post('/runs', async (request, reply) => {
    try {
      const { id } = await ctx.trainer.start('ui');
      await recordRunStarter(ctx.db, id, sessionOf(request).name);
      return reply.redirect(uiUrl(`/runs/${id}`), 303);
    } catch (error) {
      if (!(error instanceof TrainerError) || error.code !== 'TRAINER_BUSY') throw error;
      const running = await runningTrainerRun(ctx.db);
      return listPage(request, reply, { problem: 'A trainer run is running already: only one runs at a time. Follow it below.', status: 409, runningId: running?.id ?? null });
    }
  });

  typed.get('/runs/:id', { schema: { params: RunParams } }, async (request, reply) => {
    const run = await getTrainerRun(ctx.db, request.params.id);
    if (!run) return reply.callNotFound();
    const [changes, waiting] = await Promise.all([getRunChanges(ctx.db, run.id), run.status === 'running' ? reportsWithoutCluster(ctx.db) : Promise.resolve(0)]);
    const diff = (changes?.diff ?? null) as ClusterDiff | null;
    const ids = diff ? [...diff.new, ...diff.grown, ...diff.shrunk, ...diff.gone].map((change) => change.id) : [];
    const templates = new Map((await clustersByIds(ctx.db, ids)).map((cluster) => [cluster.id, cluster.template]));
    const progressUrl = uiUrl(`/runs/${run.id}/progress`);
    const body = runView({ run, diff, templates, progress: run.status === 'running' ? progressText(run, waiting) : null, progressUrl, inProcess: ctx.trainer.progress(run.id) !== null });
    return ctx.send(request, reply, { title: `Trainer run ${run.id.slice(0, 8)}`, section: 'runs', body, scripts: run.status === 'running' ? [ctx.assets.runProgress.url] : [] });
  });

  typed.get('/runs/:id/progress', { schema: { params: RunParams } }, async (request, reply) => {
    const run = await getTrainerRun(ctx.db, request.params.id);
    if (!run) return reply.code(404).send({ error: 'not_found', message: `no trainer run ${request.params.id}` });
    const text = run.status === 'running' ? progressText(run, await reportsWithoutCluster(ctx.db)) : `The run ended: ${run.status}.`;
    return reply.header('cache-control', 'no-store').send({ status: run.status, text });
  });
}

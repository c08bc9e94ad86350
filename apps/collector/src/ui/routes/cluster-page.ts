/** Loading and rendering one cluster's page, shared by GET /ui/clusters/{id} and the actions that re-render it with a problem. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  clusterBreakdowns,
  clusterCategoryCounts,
  clusterLabelHistory,
  clustersMergedInto,
  clusterTrend,
  getCluster,
  listClusterReports,
  type ClusterRecord,
} from '@tapheal/db';
import type { UiContext } from '../context.js';
import { lastDays, windowStart } from '../format.js';
import { clusterDetailView, type ClusterPageData, type FormValues } from '../views/cluster-detail.js';

export const EXAMPLE_REPORTS = 10;
export const BREAKDOWN_ROWS = 8;
export const TREND_DAYS = 30;

export async function loadClusterPage(ctx: UiContext, id: string): Promise<ClusterPageData | null> {
  const cluster = await getCluster(ctx.db, id);
  if (!cluster) return null;
  const now = ctx.now();
  const [labels, examples, breakdowns, trend, mergedFrom, categories, compiled, target] = await Promise.all([
    clusterLabelHistory(ctx.db, id),
    listClusterReports(ctx.db, id, { limit: EXAMPLE_REPORTS }),
    clusterBreakdowns(ctx.db, id, BREAKDOWN_ROWS),
    clusterTrend(ctx.db, id, windowStart(now, TREND_DAYS)),
    clustersMergedInto(ctx.db, id),
    clusterCategoryCounts(ctx.db),
    ctx.matchers.served(ctx.db),
    cluster.mergedInto ? getCluster(ctx.db, cluster.mergedInto) : Promise.resolve<ClusterRecord | null>(null),
  ]);
  const byDay = new Map(trend.map((point) => [point.day, point.reports]));
  const packCategories = compiled?.pack.categories.map((category) => category.id) ?? [];
  return {
    cluster,
    labels,
    examples: examples.items,
    breakdowns,
    trend: lastDays(now, TREND_DAYS).map((day) => ({ label: day, value: byDay.get(day) ?? 0 })),
    mergedFrom,
    mergedTarget: target,
    categories: [...packCategories, ...categories.map((c) => c.category)],
    suggested: compiled?.matcher ? { version: compiled.pack.version, diagnosis: compiled.matcher.classify(cluster.template) } : null,
  };
}

export function renderClusterPage(
  ctx: UiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  data: ClusterPageData,
  options: { notice?: string | null; problem?: string | null; status?: number; values?: FormValues } = {},
): FastifyReply {
  const body = clusterDetailView(data, request.uiSession, options.values ?? {});
  const title = `Cluster ${data.cluster.id}`;
  return ctx.send(request, reply, { title, section: 'clusters', body, notice: options.notice ?? null, problem: options.problem ?? null }, options.status ?? 200);
}

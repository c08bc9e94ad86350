/** GET /ui/clusters (the sortable, filterable list) and GET /ui/clusters/{id} (one cluster and its actions). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CLUSTER_SORTS,
  CLUSTER_STATUSES,
  clusterCategoryCounts,
  countReports,
  countReviewClusters,
  listReviewClusters,
  reviewClusterTemplates,
  type ReviewClusterFilter,
} from '@tapheal/db';
import type { UiContext } from '../context.js';
import { clusterListView, DEFAULT_LIMIT, NO_CATEGORY } from '../views/cluster-list.js';
import { loadClusterPage, renderClusterPage } from './cluster-page.js';

const optional = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal('')]).optional();

export const ClusterListQuery = z.object({
  status: optional(z.enum(CLUSTER_STATUSES)),
  category: optional(z.string().max(64)),
  suggested: optional(z.string().max(64)),
  q: optional(z.string().max(200)),
  sort: z.enum(CLUSTER_SORTS).default('reports'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  cursor: optional(z.string().max(200)),
  limit: z.coerce.number().int().min(1).max(200).default(DEFAULT_LIMIT),
});
export type ClusterListQuery = z.infer<typeof ClusterListQuery>;

export const ClusterParams = z.object({ id: z.string().min(1).max(64) });

const DONE_NOTICES: Record<string, string> = {
  confirmed: 'Confirmed. Build a candidate pack on the Packs page to turn it into a rule.',
  relabelled: 'Relabelled.',
  new_category: 'Confirmed in the new category.',
  merged: 'Merged: the other cluster’s reports are now part of this one.',
  rejected: 'Rejected as noise: it will not become a rule.',
  noted: 'Note saved.',
  reopened: 'Back to the candidates.',
};

export function clusterRoutes(app: FastifyInstance, ctx: UiContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/clusters', { schema: { querystring: ClusterListQuery } }, async (request, reply) => {
    const query = request.query;
    const compiled = await ctx.matchers.served(ctx.db);
    const suggest = (template: string) => compiled?.matcher?.classify(template).category ?? null;
    const filter: ReviewClusterFilter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.category ? { category: query.category === NO_CATEGORY ? null : query.category } : {}),
      ...(query.q ? { search: query.q } : {}),
    };
    // The suggested category is the served pack's verdict on each template: computed here, then filtered by id.
    if (query.suggested) {
      const templates = await reviewClusterTemplates(ctx.db, filter);
      filter.ids = templates.filter((row) => suggest(row.template) === query.suggested).map((row) => row.id);
    }
    const [page, matching, all, categories] = await Promise.all([
      listReviewClusters(ctx.db, { ...filter, limit: query.limit, sort: query.sort, direction: query.dir, ...(query.cursor ? { cursor: query.cursor } : {}) }),
      countReviewClusters(ctx.db, filter),
      countReviewClusters(ctx.db, {}),
      clusterCategoryCounts(ctx.db),
    ]);
    // Counting 100,000 reports costs more than the rest of the page: only the empty state needs it.
    const reports = all === 0 ? await countReports(ctx.db) : 0;
    // The trainer's model where it has spoken, else the served pack's verdict on the template.
    const rows = page.items.map((cluster) => ({ cluster, suggested: cluster.suggestedCategory ?? suggest(cluster.template) }));
    const body = clusterListView({ query, rows, next: page.next, matching, all, reports, categories: categories.map((c) => c.category), packVersion: compiled?.pack.version ?? null, minReports: ctx.gates.minReports });
    return ctx.send(request, reply, { title: 'Clusters', section: 'clusters', body });
  });

  typed.get('/clusters/:id', { schema: { params: ClusterParams, querystring: z.object({ done: z.string().max(32).optional() }) } }, async (request, reply) => {
    const data = await loadClusterPage(ctx, request.params.id);
    if (!data) return reply.callNotFound();
    return renderClusterPage(ctx, request, reply, data, { notice: DONE_NOTICES[request.query.done ?? ''] ?? null });
  });
}

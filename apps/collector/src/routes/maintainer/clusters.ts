/**
 * Clusters for maintainers: listing (paged, filtered by status, sorted by size, installs, growth or
 * recency), detail with the label history, member reports, and `PATCH` to label one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CategorySchema, FIX_KINDS, isStorableText } from '@tapheal/rules';
import {
  CLUSTER_SORTS,
  CLUSTER_STATUSES,
  LABEL_STATUSES,
  clusterLabelHistory,
  getCluster,
  labelCluster,
  listClusterReports,
  listClusters,
  type ClusterRecord,
  type Db,
} from '@tapheal/db';
import { labelProblem, NOTE_UNSTORABLE } from '../../services/label-cluster.js';
import { ErrorReply, PageQuery, iso } from '../error-reply.js';

const ClusterView = z.object({
  id: z.string(),
  status: z.enum(CLUSTER_STATUSES),
  category: z.string().nullable(),
  fix: z.string().nullable(),
  note: z.string().nullable(),
  template: z.string(),
  reports: z.number(),
  installs: z.number(),
  growth: z.number(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  updatedAt: z.string(),
  /** The trainer's model on an unlabelled cluster (null before a run past the gate, or with fewer than two categories labelled). */
  suggestion: z.object({ category: z.string(), confidence: z.number(), looksNew: z.boolean() }).nullable(),
  /** The served pack's verdict on an example of an unlabelled cluster, as the trainer last saw it. */
  currentPack: z.object({ category: z.string(), confidence: z.number() }).nullable(),
});

const toClusterView = (row: ClusterRecord): z.infer<typeof ClusterView> => ({
  id: row.id,
  status: row.status as z.infer<typeof ClusterView>['status'],
  category: row.category,
  fix: row.fix,
  note: row.note,
  template: row.template,
  reports: row.reports,
  installs: row.installs,
  growth: row.growth,
  firstSeenAt: iso(row.firstSeenAt)!,
  lastSeenAt: iso(row.lastSeenAt)!,
  updatedAt: iso(row.updatedAt)!,
  suggestion: row.suggestedCategory === null ? null : { category: row.suggestedCategory, confidence: row.suggestedConfidence ?? 0, looksNew: row.looksNew ?? false },
  currentPack: row.packCategory === null ? null : { category: row.packCategory, confidence: row.packConfidence ?? 0 },
});

const ClusterDetail = ClusterView.extend({
  labels: z.array(
    z.object({ at: z.string(), status: z.string(), category: z.string().nullable(), fix: z.string().nullable(), note: z.string().nullable(), actor: z.string().nullable(), action: z.string().nullable() }),
  ),
});

const ClusterReports = z.object({
  reports: z.array(
    z.object({ id: z.string(), message: z.string(), occurredAt: z.string(), receivedAt: z.string(), installId: z.string(), serverName: z.string().nullable(), phase: z.string() }),
  ),
  next: z.string().nullable(),
});

const ClusterParams = z.object({ id: z.string().min(1).max(64) });

const LabelBody = z
  .strictObject({
    status: z.enum(LABEL_STATUSES).optional(),
    category: CategorySchema.shape.id.nullable().optional(),
    fix: z.enum(FIX_KINDS).nullable().optional(),
    note: z.string().max(2000).refine(isStorableText, NOTE_UNSTORABLE).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one of status, category, fix, note');

export const clusterRoutes: FastifyPluginAsyncZod<{ db: Db; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/v1/clusters',
    {
      schema: {
        querystring: PageQuery.extend({ status: z.enum(CLUSTER_STATUSES).optional(), sort: z.enum(CLUSTER_SORTS).default('reports') }),
        response: { 200: z.object({ clusters: z.array(ClusterView), next: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listClusters(db, request.query);
      return { clusters: page.items.map(toClusterView), next: page.next };
    },
  );

  app.get('/v1/clusters/:id', { schema: { params: ClusterParams, response: { 200: ClusterDetail, 404: ErrorReply } } }, async (request, reply) => {
    const cluster = await getCluster(db, request.params.id);
    if (!cluster) return reply.code(404).send({ error: 'not_found', message: `no cluster ${request.params.id}` });
    const labels = await clusterLabelHistory(db, cluster.id);
    return {
      ...toClusterView(cluster),
      labels: labels.map((label) => ({ at: iso(label.at)!, status: label.status, category: label.category, fix: label.fix, note: label.note, actor: label.actor, action: label.action })),
    };
  });

  app.get(
    '/v1/clusters/:id/reports',
    { schema: { params: ClusterParams, querystring: PageQuery, response: { 200: ClusterReports, 404: ErrorReply } } },
    async (request, reply) => {
      if (!(await getCluster(db, request.params.id))) return reply.code(404).send({ error: 'not_found', message: `no cluster ${request.params.id}` });
      const page = await listClusterReports(db, request.params.id, request.query);
      return {
        reports: page.items.map((row) => ({ ...row, occurredAt: iso(row.occurredAt)!, receivedAt: iso(row.receivedAt)! })),
        next: page.next,
      };
    },
  );

  app.patch(
    '/v1/clusters/:id',
    { schema: { params: ClusterParams, body: LabelBody, response: { 200: ClusterView, 404: ErrorReply, 422: ErrorReply } } },
    async (request, reply) => {
      const cluster = await getCluster(db, request.params.id);
      if (!cluster) return reply.code(404).send({ error: 'not_found', message: `no cluster ${request.params.id}` });
      const problem = labelProblem({ status: cluster.status, category: cluster.category, fix: cluster.fix, ...request.body }, cluster);
      if (problem) return reply.code(422).send({ error: 'invalid_label', message: problem });
      const updated = await labelCluster(db, cluster.id, request.body, now());
      if (!updated) return reply.code(404).send({ error: 'not_found', message: `no cluster ${request.params.id}` });
      request.log.info({ clusterId: updated.id, status: updated.status, category: updated.category }, 'cluster labelled');
      return toClusterView(updated);
    },
  );
};

/**
 * POST /ui/clusters/{id}/actions: confirm with a category, relabel, confirm in a new category, merge into
 * another cluster, reject as noise, note, reopen. Each one is recorded in the label history with the
 * signed-in maintainer's name. A refused action changes nothing and shows the page again with the reason
 * and what was typed (422); a done one redirects back to the page (POST, redirect, GET).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BASE_TAXONOMY, CategorySchema, FIX_KINDS, findCategory, isStorableText } from '@tapheal/rules';
import { getCluster, labelCluster, mergeClusters, type ClusterLabel, type ClusterRecord, type MergeRefusal } from '@tapheal/db';
import { GROWTH_WINDOW_MS } from '@tapheal/trainer';
import { labelProblem, NOTE_UNSTORABLE } from '../../services/label-cluster.js';
import { field, sessionOf, type UiContext } from '../context.js';
import { uiUrl } from '../html.js';
import { ClusterParams } from './clusters.js';
import { loadClusterPage, renderClusterPage } from './cluster-page.js';

export const CLUSTER_ACTIONS = ['confirm', 'relabel', 'new_category', 'merge', 'reject', 'note', 'reopen'] as const;
export type ClusterAction = (typeof CLUSTER_ACTIONS)[number];
export const MAX_NOTE_CHARS = 2000;

const CategoryId = CategorySchema.shape.id;
const DONE: Record<ClusterAction, string> = { confirm: 'confirmed', relabel: 'relabelled', new_category: 'new_category', merge: 'merged', reject: 'rejected', note: 'noted', reopen: 'reopened' };
const MERGE_PROBLEMS: Record<MergeRefusal, string> = {
  same_cluster: 'a cluster cannot be merged into itself',
  not_found: 'this cluster no longer exists',
  target_not_found: 'there is no cluster with that id',
  already_merged: 'this cluster was merged already',
  target_merged: 'that cluster was itself merged into another: merge into that one',
};

type Decision = { ok: true; label: ClusterLabel; detail?: string } | { ok: false; problem: string };

/** What a form asks for, checked against the cluster as it is; pure apart from the taxonomy. */
export function decideLabel(action: Exclude<ClusterAction, 'merge'>, body: unknown, cluster: ClusterRecord): Decision {
  const category = field(body, 'category');
  const fix = field(body, 'fix');
  if (fix !== '' && !(FIX_KINDS as readonly string[]).includes(fix)) return { ok: false, problem: `“${fix}” is not a fix kind` };
  if ((action === 'confirm' || action === 'new_category') && category === '') return { ok: false, problem: 'choose a category to confirm with' };
  if (category !== '' && !CategoryId.safeParse(category).success) return { ok: false, problem: 'a category id is lower_snake_case: letters, digits and _' };
  let label: ClusterLabel;
  switch (action) {
    case 'confirm':
      label = { status: 'confirmed', category, fix: fix || null };
      break;
    case 'new_category':
      if (findCategory(BASE_TAXONOMY, category)) return { ok: false, problem: `${category} is in the base taxonomy already: use “Confirm with a category”` };
      label = { status: 'confirmed', category, fix: fix || null };
      break;
    case 'relabel':
      label = { category: category || null, fix: fix || null };
      break;
    case 'reject':
      label = { status: 'rejected' };
      break;
    case 'reopen':
      label = { status: 'candidate' };
      break;
    case 'note': {
      const note = field(body, 'note');
      if (note.length > MAX_NOTE_CHARS) return { ok: false, problem: `a note is at most ${MAX_NOTE_CHARS} characters (this one has ${note.length})` };
      if (!isStorableText(note)) return { ok: false, problem: NOTE_UNSTORABLE };
      label = { note: note || null };
      break;
    }
  }
  const problem = labelProblem({ status: cluster.status, category: cluster.category, fix: cluster.fix, ...label }, cluster);
  return problem ? { ok: false, problem } : { ok: true, label };
}

export function clusterActionRoutes(app: FastifyInstance, ctx: UiContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/clusters/:id/actions', { schema: { params: ClusterParams } }, async (request, reply) => {
    const actor = sessionOf(request).name;
    const action = field(request.body, 'action') as ClusterAction;
    const cluster = await getCluster(ctx.db, request.params.id);
    if (!cluster) return reply.callNotFound();
    const refuse = async (problem: string) => {
      const data = await loadClusterPage(ctx, cluster.id);
      const values = Object.fromEntries(['category', 'fix', 'note', 'target'].map((name) => [`${action}.${name}`, field(request.body, name)]));
      request.log.info({ clusterId: cluster.id, action }, 'cluster action refused');
      return renderClusterPage(ctx, request, reply, data!, { problem, status: 422, values });
    };
    if (!(CLUSTER_ACTIONS as readonly string[]).includes(action)) return refuse('that is not an action this page offers');
    if (action === 'merge') {
      const target = field(request.body, 'target');
      if (!ClusterParams.shape.id.safeParse(target).success) return refuse('give the id of the cluster to merge into');
      const at = ctx.now();
      const merged = await mergeClusters(ctx.db, { sourceId: cluster.id, targetId: target, actor, at, growthSince: new Date(at.getTime() - GROWTH_WINDOW_MS) });
      if (!merged.ok) return refuse(MERGE_PROBLEMS[merged.reason]);
      request.log.info({ clusterId: cluster.id, into: target, moved: merged.moved }, 'clusters merged');
      return reply.redirect(uiUrl(`/clusters/${encodeURIComponent(target)}`, { done: DONE.merge }), 303);
    }
    const decision = decideLabel(action, request.body, cluster);
    if (!decision.ok) return refuse(decision.problem);
    const updated = await labelCluster(ctx.db, cluster.id, decision.label, ctx.now(), { actor, action });
    if (!updated) return reply.callNotFound();
    request.log.info({ clusterId: cluster.id, action, status: updated.status, category: updated.category }, 'cluster labelled');
    return reply.redirect(uiUrl(`/clusters/${encodeURIComponent(cluster.id)}`, { done: DONE[action] }), 303);
  });
}

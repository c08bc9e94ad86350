/**
 * One trainer run: its status and figures, its progress while it runs, and what it changed in the clusters
 * (new, grown, shrunk, gone; merged and split when the trainer records them in its stats).
 */
import type { TrainerRunRecord } from '@tapheal/db';
import type { ClusterChange, ClusterDiff } from '../../services/cluster-diff.js';
import { formatDuration, formatNumber, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { statusBadge } from './parts.js';

export interface RunStatsView {
  reports: number;
  assigned: number;
  promoted: number;
  gated: boolean;
  clusters: Record<string, number>;
  /** Whatever else the trainer recorded, such as merges and splits. */
  extra: Record<string, unknown>;
}

/** The run's stats as far as they have the expected shape; null when there are none. */
export function statsOf(raw: unknown): RunStatsView | null {
  if (!raw || typeof raw !== 'object') return null;
  const { reports, assigned, promoted, gated, clusters, ...extra } = raw as Record<string, unknown>;
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const counts = clusters && typeof clusters === 'object' ? Object.fromEntries(Object.entries(clusters).map(([k, v]) => [k, num(v)])) : {};
  return { reports: num(reports), assigned: num(assigned), promoted: num(promoted), gated: gated === true, clusters: counts, extra };
}

export interface RunData {
  run: TrainerRunRecord;
  diff: ClusterDiff | null;
  templates: Map<string, string>;
  /** The progress line while the run runs. */
  progress: string | null;
  progressUrl: string;
  /** Whether this process runs it (its progress is then live). */
  inProcess: boolean;
}

const MERGE_KEYS = ['merged', 'merges'];
const SPLIT_KEYS = ['split', 'splits'];

export function runView(data: RunData): SafeHtml {
  const { run } = data;
  const stats = statsOf(run.stats);
  return html`<p><a href="/ui/runs">All runs</a></p>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(run.status)}${run.error ? html` <span class="bad">${run.error}</span>` : ''}</dd>
<dt>Started</dt><dd>${formatTime(run.startedAt)} (${run.trigger}${run.startedBy ? html`, by ${run.startedBy}` : ''})</dd>
<dt>Finished</dt><dd>${run.finishedAt ? html`${formatTime(run.finishedAt)}, after ${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())}` : 'not yet'}</dd>
${stats && html`<dt>Reports</dt><dd>${formatNumber(stats.reports)} stored; this run assigned ${formatNumber(stats.assigned)} to clusters</dd>
<dt>Candidates</dt><dd>${stats.gated ? 'none proposed: too few reports so far (TAPHEAL_MIN_REPORTS)' : html`${formatNumber(stats.promoted)} clusters became candidates`}</dd>
<dt>Clusters now</dt><dd>${Object.entries(stats.clusters).map(([status, n]) => html`${statusBadge(status)} ${formatNumber(n)} `)}</dd>`}
</dl>
${data.progress !== null &&
  html`<p id="run-progress" class="panel" role="status" aria-live="polite" data-progress-url="${data.progressUrl}">${data.progress}</p>
<noscript><p>Reload the page to follow the run.</p></noscript>`}
${run.status === 'done' ? changes(data, stats) : ''}`;
}

function changes(data: RunData, stats: RunStatsView | null): SafeHtml {
  const { diff } = data;
  const recorded = (keys: readonly string[]) => keys.map((key) => stats?.extra[key]).find((value) => value !== undefined);
  const merges = recorded(MERGE_KEYS);
  const splits = recorded(SPLIT_KEYS);
  return html`<h2 id="changes-h">What changed</h2>
${diff
    ? html`<ul class="cards" aria-labelledby="changes-h">
<li class="card"><span class="figure">${formatNumber(diff.counts.new)}</span> new clusters</li>
<li class="card"><span class="figure">${formatNumber(diff.counts.grown)}</span> grown</li>
<li class="card"><span class="figure">${formatNumber(diff.counts.shrunk + diff.counts.gone)}</span> shrunk or gone</li>
<li class="card"><span class="figure">${formatNumber(diff.counts.unchanged)}</span> unchanged</li></ul>
${changeTable('New clusters', diff.new, data.templates, false)}${changeTable('Grown clusters', diff.grown, data.templates, true)}
${changeTable('Shrunk clusters', diff.shrunk, data.templates, true)}${changeTable('Clusters gone', diff.gone, data.templates, true)}`
    : html`<p class="empty">This run was not started by this collector (the trainer CLI, or another replica), so what it changed was not measured here.</p>`}
<h3>Merged and split clusters</h3>
${isEmpty(merges) && isEmpty(splits)
    ? html`<p class="muted">This run merged no clusters. The template miner only ever generalises, so clusters never split; when it joins clusters that
already had ids, the run keeps one id (a labelled cluster's first) and lists the merges here. Maintainers merge clusters by hand on a cluster’s page.</p>`
    : html`${recordedList('Merged', merges)}${recordedList('Split', splits)}`}`;
}

function changeTable(title: string, list: readonly ClusterChange[], templates: Map<string, string>, withBefore: boolean): SafeHtml | '' {
  if (list.length === 0) return '';
  return html`<h3>${title}</h3><table><thead><tr><th scope="col">template</th>${withBefore ? html`<th scope="col" class="num">before</th>` : ''}<th scope="col" class="num">reports now</th></tr></thead>
<tbody>${list.map(
    (change) => html`<tr><td class="template-cell"><a href="${uiUrl(`/clusters/${encodeURIComponent(change.id)}`)}">${(templates.get(change.id) ?? change.id).slice(0, 140)}</a></td>
${withBefore ? html`<td class="num">${formatNumber(change.before)}</td>` : ''}<td class="num">${formatNumber(change.after)}</td></tr>`,
  )}</tbody></table>`;
}

const isEmpty = (value: unknown): boolean => value === undefined || value === 0 || (Array.isArray(value) && value.length === 0);

/** Merges or splits as the trainer recorded them: a count, or a list shown as JSON lines. */
function recordedList(title: string, value: unknown): SafeHtml | '' {
  if (isEmpty(value)) return '';
  if (typeof value === 'number') return html`<p>${title}: ${formatNumber(value)}</p>`;
  const items = Array.isArray(value) ? value : [value];
  return html`<p>${title}: ${formatNumber(items.length)}</p><ul>${items.slice(0, 50).map((item) => html`<li><code>${typeof item === 'string' ? item : JSON.stringify(item)}</code></li>`)}</ul>`;
}

/**
 * One cluster: its template and counts, what the trainer's model and the served pack suggest, a trend chart, breakdowns by
 * platform, runtime, server, phase and client diagnosis, anonymised examples, the actions, and the history
 * of every action with who and when.
 */
import type { Breakdown, ClusterBreakdowns, ClusterLabelRecord, ClusterRecord, ClusterReport } from '@tapheal/db';
import type { Diagnosis } from '@tapheal/rules';
import { columnChart, inlineBar, type Bar } from '../charts.js';
import { formatNumber, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Session } from '../session.js';
import { categorySelect, fixSelect, statusBadge } from './parts.js';

export interface ClusterPageData {
  cluster: ClusterRecord;
  labels: ClusterLabelRecord[];
  examples: ClusterReport[];
  breakdowns: ClusterBreakdowns;
  trend: Bar[];
  mergedFrom: ClusterRecord[];
  mergedTarget: ClusterRecord | null;
  categories: string[];
  suggested: { version: number; diagnosis: Diagnosis } | null;
}

/** Submitted values to show again after a refusal, keyed `<action>.<field>`. */
export type FormValues = Record<string, string>;

const clusterLink = (cluster: Pick<ClusterRecord, 'id'>) => uiUrl(`/clusters/${encodeURIComponent(cluster.id)}`);

export function clusterDetailView(data: ClusterPageData, session: Session | null, values: FormValues): SafeHtml {
  const { cluster } = data;
  return html`<p><a href="/ui/clusters">All clusters</a></p>
<code class="template" aria-label="Template">${cluster.template}</code>
${facts(data)}
${columnChart('trend', 'Reports per day, last 30 days', data.trend, { value: 'reports' })}
<h2 id="actions-h">Actions</h2>
${cluster.status === 'merged' ? html`<p>This cluster was merged into <a href="${uiUrl(`/clusters/${encodeURIComponent(cluster.mergedInto ?? '')}`)}">${cluster.mergedInto}</a>: label that one.</p>` : actions(data, session, values)}
<h2 id="breakdowns-h">Breakdowns</h2>
<div class="grid-2">
${breakdownTable('Platforms', data.breakdowns.platforms)}${breakdownTable('Runtimes', data.breakdowns.runtimes)}
${breakdownTable('Servers', data.breakdowns.servers)}${breakdownTable('Phases', data.breakdowns.phases)}
${breakdownTable('What clients diagnosed', data.breakdowns.diagnoses)}
</div>
<h2 id="examples-h">Anonymised examples (newest ${data.examples.length})</h2>
${data.examples.length === 0
    ? html`<p class="empty">No reports in this cluster${cluster.status === 'merged' ? ': they moved with the merge' : ''}.</p>`
    : html`<table><thead><tr><th scope="col">message</th><th scope="col">occurred</th><th scope="col">server</th><th scope="col">phase</th></tr></thead>
<tbody>${data.examples.map((report) => html`<tr><td class="template-cell">${report.message}</td><td>${formatTime(report.occurredAt)}</td><td>${report.serverName ?? '–'}</td><td>${report.phase}</td></tr>`)}</tbody></table>`}
<h2 id="history-h">History</h2>
${history(data.labels)}`;
}

function facts(data: ClusterPageData): SafeHtml {
  const { cluster, suggested } = data;
  return html`<dl class="facts">
<dt>Id</dt><dd><code>${cluster.id}</code></dd>
<dt>Status</dt><dd>${statusBadge(cluster.status)}</dd>
<dt>Category</dt><dd>${cluster.category ?? html`<span class="muted">none yet</span>`}${cluster.fix ? html`, fix <code>${cluster.fix}</code>` : ''}</dd>
${cluster.suggestedCategory
    ? html`<dt>Suggested</dt><dd>${cluster.suggestedCategory} <span class="muted">(the trainer's model${cluster.suggestedConfidence === null ? '' : `, ${Math.round(cluster.suggestedConfidence * 100)}% sure`})</span>${cluster.looksNew ? html` <span class="badge">unlike every labelled category: maybe a new one</span>` : ''}</dd>`
    : ''}
<dt>${cluster.suggestedCategory ? 'Served pack' : 'Suggested'}</dt><dd>${suggested
    ? html`${suggested.diagnosis.category} <span class="muted">(served pack v${suggested.version}${suggested.diagnosis.ruleId ? html`, rule <code>${suggested.diagnosis.ruleId}</code>` : ', no rule matches'})</span>`
    : html`<span class="muted">no servable pack</span>`}</dd>
${cluster.note ? html`<dt>Note</dt><dd>${cluster.note}</dd>` : ''}
<dt>Reports</dt><dd>${cluster.status === 'merged'
    ? html`${formatNumber(cluster.reports)} when it was merged; they belong to the target now`
    : html`${formatNumber(cluster.reports)} from ${formatNumber(cluster.installs)} installs; ${formatNumber(cluster.growth)} in the 7 days before the last run`}</dd>
<dt>Seen</dt><dd>${formatTime(cluster.firstSeenAt)} to ${formatTime(cluster.lastSeenAt)}</dd>
${data.mergedTarget ? html`<dt>Merged into</dt><dd><a href="${clusterLink(data.mergedTarget)}">${data.mergedTarget.template.slice(0, 100)}</a></dd>` : ''}
${data.mergedFrom.length > 0
    ? html`<dt>Merged in</dt><dd><ul>${data.mergedFrom.map((merged) => html`<li><a href="${clusterLink(merged)}"><code>${merged.template.slice(0, 100)}</code></a> (${formatNumber(merged.reports)} reports when merged)</li>`)}</ul></dd>`
    : ''}
</dl>`;
}

function actions(data: ClusterPageData, session: Session | null, values: FormValues): SafeHtml {
  const { cluster } = data;
  const open = (action: string, label: string, extra: SafeHtml | string = '') =>
    html`<form method="post" action="${uiUrl(`/clusters/${encodeURIComponent(cluster.id)}/actions`)}" aria-labelledby="a-${action}">${csrfField(session)}<input type="hidden" name="action" value="${action}">
<fieldset><legend id="a-${action}">${label}</legend>${extra}`;
  const v = (key: string, fallback: string | null) => values[key] ?? fallback ?? '';
  return html`<div class="actions">
${open('confirm', 'Confirm with a category')}
  <label for="confirm-category">Category</label>${categorySelect('confirm-category', 'category', data.categories, v('confirm.category', cluster.category ?? cluster.suggestedCategory ?? (data.suggested?.diagnosis.category !== 'unknown' ? data.suggested?.diagnosis.category ?? null : null)), { required: true })}
  <label for="confirm-fix">Fix</label>${fixSelect('confirm-fix', 'fix', v('confirm.fix', cluster.fix))}
  <button type="submit">Confirm</button></fieldset></form>
${open('relabel', 'Relabel (status stays ' + cluster.status + ')')}
  <label for="relabel-category">Category</label>${categorySelect('relabel-category', 'category', data.categories, v('relabel.category', cluster.category), { any: '(no category)' })}
  <label for="relabel-fix">Fix</label>${fixSelect('relabel-fix', 'fix', v('relabel.fix', cluster.fix))}
  <button type="submit">Relabel</button></fieldset></form>
${open('new_category', 'Confirm in a new category')}
  <label for="new-category">New category id</label>
  <input type="text" id="new-category" name="category" required pattern="[a-z][a-z0-9_]*" maxlength="64" value="${v('new_category.category', '')}" aria-describedby="new-category-hint">
  <p class="hint" id="new-category-hint">lower_snake_case, e.g. <code>spindle_jammed</code>; the next pack adds it to the taxonomy.</p>
  <label for="new-fix">Fix</label>${fixSelect('new-fix', 'fix', v('new_category.fix', null))}
  <button type="submit">Create and confirm</button></fieldset></form>
${open('merge', 'Merge into another cluster')}
  <label for="merge-target">Target cluster id</label>
  <input type="text" id="merge-target" name="target" required maxlength="64" value="${v('merge.target', '')}" aria-describedby="merge-hint">
  <p class="hint" id="merge-hint">Its reports move to the target, and later ones follow; this cluster then keeps only its history.</p>
  <button type="submit">Merge</button></fieldset></form>
${open('reject', 'Reject as noise')}
  <p class="hint">A rejected cluster never becomes a rule; a rule it had leaves the next pack.</p>
  <button type="submit" class="danger"${cluster.status === 'rejected' ? html` disabled` : ''}>Reject</button></fieldset></form>
${open('note', 'Note')}
  <label for="note-text">Note (shown as the rule’s description)</label>
  <textarea id="note-text" name="note" maxlength="2000">${v('note.note', cluster.note)}</textarea>
  <button type="submit">Save note</button></fieldset></form>
${cluster.status === 'confirmed' || cluster.status === 'rejected' ? html`${open('reopen', 'Back to the candidates')}<button type="submit" class="secondary">Reopen</button></fieldset></form>` : ''}
</div>`;
}

function breakdownTable(title: string, rows: readonly Breakdown[]): SafeHtml {
  const max = Math.max(0, ...rows.map((row) => row.reports));
  return html`<section><h3>${title}</h3>${rows.length === 0
    ? html`<p class="muted">none</p>`
    : html`<table><thead><tr><th scope="col">${title.toLowerCase()}</th><th scope="col" class="num">reports</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><th scope="row">${row.key}</th><td class="num">${formatNumber(row.reports)}${inlineBar(row.reports, max)}</td></tr>`)}</tbody></table>`}</section>`;
}

function history(labels: readonly ClusterLabelRecord[]): SafeHtml {
  if (labels.length === 0) return html`<p class="muted">No action yet: the trainer made this cluster and nobody has labelled it.</p>`;
  return html`<table><thead><tr><th scope="col">when</th><th scope="col">who</th><th scope="col">action</th><th scope="col">status</th><th scope="col">category</th><th scope="col">fix</th><th scope="col">note / detail</th></tr></thead>
<tbody>${[...labels].reverse().map(
    (label) => html`<tr><td>${formatTime(label.at)}</td><td>${label.actor ?? html`<span class="muted">API token</span>`}</td><td>${label.action ?? 'label'}</td>
<td>${statusBadge(label.status)}</td><td>${label.category ?? '–'}</td><td>${label.fix ?? '–'}</td><td>${label.detail ?? label.note ?? ''}</td></tr>`,
  )}</tbody></table>`;
}

/** The packs page: build a candidate, the open and decided candidates, and the history of published packs with their rule diffs. */
import type { PackCandidateRecord, PackSummary } from '@tapheal/db';
import type { RuleDiff } from '@tapheal/trainer';
import { formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Session } from '../session.js';

export interface PackHistoryRow {
  pack: PackSummary;
  /** Against the version before it. */
  diff: RuleDiff;
}

export interface PackListData {
  history: PackHistoryRow[];
  candidates: Omit<PackCandidateRecord, 'pack' | 'comparison' | 'evaluation'>[];
  servedVersion: number | null;
  session: Session | null;
  /** Why the last build was refused, one line each. */
  reasons: string[];
}

export function packListView(data: PackListData): SafeHtml {
  return html`<section aria-labelledby="build-h"><h2 id="build-h">Build a candidate</h2>
<form method="post" action="/ui/packs/candidates">${csrfField(data.session)}
<p>Builds the next pack from the served pack${data.servedVersion ? html` (v${data.servedVersion})` : ''} and the confirmed clusters, runs the evaluation gate and
compares it with the served pack per category. Nothing is published until you publish it.</p>
<button type="submit">Build a candidate pack</button></form>
${data.reasons.length > 0 && html`<ul class="problem" aria-label="Why the build was refused">${data.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`}
</section>
<section aria-labelledby="candidates-h"><h2 id="candidates-h">Candidates</h2>${candidateTable(data)}</section>
<section aria-labelledby="history-h"><h2 id="history-h">Published packs</h2>${historyTable(data)}</section>`;
}

function candidateTable(data: PackListData): SafeHtml {
  if (data.candidates.length === 0) {
    return html`<p class="empty">No candidates yet. Confirm clusters on the <a href="/ui/clusters?status=candidate">Clusters</a> page, then build one here.</p>`;
  }
  return html`<table><thead><tr><th scope="col">built</th><th scope="col">by</th><th scope="col">compared with</th><th scope="col">gate</th><th scope="col">status</th></tr></thead>
<tbody>${data.candidates.map(
    (candidate) => html`<tr><td><a href="${uiUrl(`/packs/candidates/${candidate.id}`)}">${formatTime(candidate.createdAt)}</a></td><td>${candidate.createdBy}</td>
<td>v${candidate.baseVersion}</td><td>${candidate.passed ? html`<span class="ok">passed</span>` : html`<span class="bad">failed</span>`}</td>
<td>${candidate.status}${candidate.publishedVersion ? html` as <a href="${uiUrl(`/packs/${candidate.publishedVersion}`)}">v${candidate.publishedVersion}</a>` : ''}${candidate.decidedBy ? html` by ${candidate.decidedBy}` : ''}</td></tr>`,
  )}</tbody></table>`;
}

function historyTable(data: PackListData): SafeHtml {
  if (data.history.length === 0) return html`<p class="empty">No pack is published. The collector publishes the built-in pack as v1 on its first start.</p>`;
  return html`<table><thead><tr><th scope="col">version</th><th scope="col">published</th><th scope="col">source</th><th scope="col" class="num">rules</th>
<th scope="col">rule changes</th><th scope="col">by</th><th scope="col">state</th></tr></thead>
<tbody>${data.history.map(({ pack, diff }) => {
    const state = pack.yankedAt ? html`<span class="bad">yanked</span> ${formatTime(pack.yankedAt)}` : pack.version === data.servedVersion ? html`<span class="ok">served</span>` : 'superseded';
    return html`<tr><th scope="row"><a href="${uiUrl(`/packs/${pack.version}`)}">v${pack.version}</a></th><td>${formatTime(pack.createdAt)}</td><td>${pack.source}</td>
<td class="num">${pack.rules}</td><td>${pack.version === 1 ? 'first pack' : html`+${diff.added.length} −${diff.removed.length} ~${diff.changed.length}`}</td>
<td>${pack.publishedBy ?? html`<span class="muted">${pack.source === 'builtin' ? 'collector' : 'API token'}</span>`}</td><td>${state}</td></tr>`;
  })}</tbody></table>`;
}

/**
 * A candidate pack: the evaluation gate's verdict, what improves and what regresses per category against
 * the served pack, the coverage of recent reports, the rule diff, and publish or discard.
 */
import type { PackCandidateRecord } from '@tapheal/db';
import type { Evaluation } from '@tapheal/trainer';
import type { CategoryComparison, PackComparison, Score } from '@tapheal/trainer';
import { formatNumber, formatPercent, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Session } from '../session.js';
import { ruleDiffView } from './rule-diff.js';

export interface CandidateData {
  candidate: PackCandidateRecord;
  servedVersion: number | null;
  session: Session | null;
}

const pct = (n: number) => formatPercent(n, 1);
const scoreCells = (score: Score) => html`<td class="num">${pct(score.precision)}</td><td class="num">${pct(score.recall)}</td><td class="num">${pct(score.f1)}</td>`;

export function candidateView({ candidate, servedVersion, session }: CandidateData): SafeHtml {
  const comparison = candidate.comparison as PackComparison;
  const evaluation = candidate.evaluation as Evaluation | null;
  const reasons = candidate.reasons as string[];
  const stale = candidate.status === 'open' && servedVersion !== candidate.baseVersion;
  const improves = comparison.categories.filter((c) => c.change === 'improves').map((c) => c.category);
  const regresses = comparison.categories.filter((c) => c.change === 'regresses').map((c) => c.category);
  return html`<p><a href="/ui/packs">All packs</a></p>
<dl class="facts">
<dt>Built</dt><dd>${formatTime(candidate.createdAt)} by ${candidate.createdBy}</dd>
<dt>Compared with</dt><dd><a href="${uiUrl(`/packs/${candidate.baseVersion}`)}">served pack v${candidate.baseVersion}</a>${stale ? html` <span class="bad">(no longer the served pack: v${servedVersion ?? 'none'} is)</span>` : ''}</dd>
<dt>Status</dt><dd>${candidate.status}${candidate.decidedBy ? html` by ${candidate.decidedBy}, ${formatTime(candidate.decidedAt)}` : ''}${candidate.publishedVersion ? html` as <a href="${uiUrl(`/packs/${candidate.publishedVersion}`)}">v${candidate.publishedVersion}</a>` : ''}</dd>
<dt>Evaluation gate</dt><dd>${candidate.passed ? html`<span class="ok">passed</span>: every confirmed cluster’s reports classify as its category` : html`<span class="bad">failed</span>`}</dd>
</dl>
${reasons.length > 0 && html`<ul class="problem" aria-label="Why the gate failed">${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`}
${decision(candidate, session, stale)}
<h2 id="compare-h">Against the served pack, per category</h2>
<p>On ${formatNumber(comparison.labelled)} labelled reports (the confirmed clusters’ messages): macro F1 ${pct(comparison.macroF1.before)} → <strong>${pct(comparison.macroF1.after)}</strong>.
Of the newest ${formatNumber(comparison.coverage.messages)} reports, ${pct(comparison.coverage.before)} are classified now and <strong>${pct(comparison.coverage.after)}</strong> would be.</p>
<p><strong>Improves:</strong> ${improves.length > 0 ? improves.join(', ') : 'nothing'}. <strong>Regresses:</strong> ${regresses.length > 0 ? html`<span class="bad">${regresses.join(', ')}</span>` : 'nothing'}.</p>
${comparison.problem && html`<p class="problem">${comparison.problem}</p>`}
${comparison.categories.length === 0 ? html`<p class="empty">No labelled reports to compare on: confirm clusters that have reports.</p>` : categoryTable(comparison.categories)}
${evaluation && evaluation.clusters.length > 0 && clusterTable(evaluation)}
<h2 id="rules-h">Rules</h2>
${ruleDiffView(comparison.rules, `v${candidate.baseVersion}`)}`;
}

function decision(candidate: PackCandidateRecord, session: Session | null, stale: boolean): SafeHtml | '' {
  if (candidate.status !== 'open') return '';
  const action = (what: string) => uiUrl(`/packs/candidates/${candidate.id}/${what}`);
  return html`<div class="actions">
<form method="post" action="${action('publish')}">${csrfField(session)}
<p>${candidate.passed ? (stale ? 'Another pack was published or yanked since this was built: build a new candidate.' : 'Signs this pack as the next version and serves it at /v1/packs/latest.') : 'A pack that failed the gate cannot be published.'}</p>
<button type="submit"${!candidate.passed || stale ? html` disabled` : ''}>Publish</button></form>
<form method="post" action="${action('discard')}">${csrfField(session)}<p>Drops this candidate; nothing is published.</p><button type="submit" class="secondary">Discard</button></form>
</div>`;
}

function categoryTable(categories: readonly CategoryComparison[]): SafeHtml {
  return html`<table><caption class="visually-hidden">Precision, recall and F1 per category, served pack and candidate</caption>
<thead><tr><th scope="col" rowspan="2">category</th><th scope="col" rowspan="2" class="num">labelled</th><th scope="colgroup" colspan="3">served pack</th><th scope="colgroup" colspan="3">candidate</th><th scope="col" rowspan="2">change</th></tr>
<tr><th scope="col" class="num">precision</th><th scope="col" class="num">recall</th><th scope="col" class="num">F1</th><th scope="col" class="num">precision</th><th scope="col" class="num">recall</th><th scope="col" class="num">F1</th></tr></thead>
<tbody>${categories.map(
    (row) => html`<tr><th scope="row">${row.category}</th><td class="num">${formatNumber(row.support)}</td>${scoreCells(row.before)}${scoreCells(row.after)}
<td><span class="badge change-${row.change}">${row.change}</span></td></tr>`,
  )}</tbody></table>`;
}

function clusterTable(evaluation: Evaluation): SafeHtml {
  return html`<h3>The gate, per confirmed cluster</h3>
<table><thead><tr><th scope="col">cluster</th><th scope="col">category</th><th scope="col" class="num">reports sampled</th><th scope="col" class="num">classified as its category</th></tr></thead>
<tbody>${evaluation.clusters.map(
    (cluster) => html`<tr><th scope="row"><a href="${uiUrl(`/clusters/${encodeURIComponent(cluster.clusterId)}`)}">${cluster.clusterId}</a></th><td>${cluster.category}</td>
<td class="num">${formatNumber(cluster.messages)}</td><td class="num ${cluster.recall < 0.9 ? 'bad' : ''}">${pct(cluster.recall)}</td></tr>`,
  )}</tbody></table>`;
}

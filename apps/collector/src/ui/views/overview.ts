/** The overview page: reports per day, installs, what the pack classifies and heals, growing clusters, packs in use. */
import type { ClusterRecord, DailyReports, PackUsage } from '@tapheal/db';
import { columnChart, inlineBar, sparkline } from '../charts.js';
import { formatNumber, formatPercent, lastDays } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { OVERVIEW_DAYS } from '../report-figures.js';
import { statusBadge } from './parts.js';

export const TREND_DAYS = 14;

export interface OverviewData {
  now: Date;
  daily: DailyReports[];
  usage: PackUsage[];
  installs: { total: number; active: number };
  totalReports: number;
  clusters: Record<string, number>;
  servedVersion: number | null;
  growing: ClusterRecord[];
  trends: Map<string, number[]>;
  coverage: { messages: number; classified: number } | null;
  minReports: number;
}

const share = (part: number, whole: number) => (whole === 0 ? '–' : formatPercent(part / whole));

export function overviewView(data: OverviewData): SafeHtml {
  const byDay = new Map(data.daily.map((day) => [day.day, day]));
  const days = lastDays(data.now, OVERVIEW_DAYS).map((day) => byDay.get(day) ?? { day, reports: 0, classified: 0, healTried: 0, healed: 0 });
  const windowReports = days.reduce((sum, day) => sum + day.reports, 0);
  const current = data.usage.find((row) => row.version !== null && row.version === data.servedVersion);
  const clusterTotal = Object.entries(data.clusters).filter(([status]) => status !== 'merged').reduce((sum, [, n]) => sum + n, 0);
  return html`${emptyState(data)}
<h2 id="figures">In the last ${OVERVIEW_DAYS} days</h2>
<ul class="cards" aria-labelledby="figures">
  <li class="card"><span class="figure">${formatNumber(windowReports)}</span> reports (${formatNumber(data.totalReports)} stored in all)</li>
  <li class="card"><span class="figure">${formatNumber(data.installs.active)}</span> installs reporting (${formatNumber(data.installs.total)} ever)</li>
  <li class="card"><span class="figure">${data.coverage ? share(data.coverage.classified, data.coverage.messages) : '–'}</span>
    of the newest ${formatNumber(data.coverage?.messages ?? 0)} reports classified by the served pack${data.servedVersion ? html` v${data.servedVersion}` : ''} (re-run here)</li>
  <li class="card"><span class="figure">${current ? share(current.healed, current.reports) : '–'}</span>
    ${current ? html`of ${formatNumber(current.reports)} reports from clients on v${current.version} healed (last 7 days)` : html`healed: no reports from clients on the served pack in the last 7 days`}</li>
  <li class="card"><span class="figure">${formatNumber(clusterTotal)}</span> clusters: ${formatNumber(data.clusters.candidate ?? 0)} to review,
    ${formatNumber(data.clusters.confirmed ?? 0)} confirmed</li>
</ul>
${columnChart(
  'daily',
  `Reports per day, last ${OVERVIEW_DAYS} days`,
  days.map((day) => ({ label: day.day, value: day.reports, part: day.classified })),
  { value: 'reports', part: 'classified by the client’s pack' },
)}
<div class="grid-2">
<section aria-labelledby="growing-h"><h2 id="growing-h">Fastest-growing clusters</h2>${growingTable(data)}</section>
<section aria-labelledby="usage-h"><h2 id="usage-h">Packs clients use (last 7 days)</h2>${usageTable(data)}</section>
</div>`;
}

function emptyState(data: OverviewData): SafeHtml | '' {
  if (data.totalReports === 0) {
    return html`<div class="empty"><p><strong>No reports yet.</strong> Clients send reports once a user turns telemetry on
(<code>tapheal telemetry enable</code>) and points it at this collector (<code>TAPHEAL_ENDPOINT</code>). Candidate categories
appear once ${formatNumber(data.minReports)} reports exist.</p></div>`;
  }
  if (data.totalReports < data.minReports) {
    return html`<div class="empty"><p><strong>Fewer than ${formatNumber(data.minReports)} reports so far</strong> (${formatNumber(data.totalReports)}):
the trainer clusters them, but proposes no candidates until ${formatNumber(data.minReports)} exist (<code>TAPHEAL_MIN_REPORTS</code>).
<a href="/ui/runs">Trainer runs</a></p></div>`;
  }
  return '';
}

function growingTable(data: OverviewData): SafeHtml {
  if (data.growing.length === 0) {
    return html`<p class="empty">No cluster received reports in the last 7 days of the last trainer run. <a href="/ui/runs">Run the trainer</a> to count new reports.</p>`;
  }
  return html`<table><thead><tr><th scope="col">template</th><th scope="col" class="num">7 days</th><th scope="col">last ${TREND_DAYS} days</th><th scope="col">status</th></tr></thead>
<tbody>${data.growing.map(
    (cluster) => html`<tr><td class="template-cell"><a href="${uiUrl(`/clusters/${encodeURIComponent(cluster.id)}`)}">${cluster.template.slice(0, 120)}</a></td>
<td class="num">+${formatNumber(cluster.growth)}</td><td>${sparkline(data.trends.get(cluster.id) ?? [])}</td><td>${statusBadge(cluster.status)}</td></tr>`,
  )}</tbody></table>`;
}

function usageTable(data: OverviewData): SafeHtml {
  if (data.usage.length === 0) return html`<p class="empty">No reports in the last 7 days, so no pack use to show.</p>`;
  const max = Math.max(...data.usage.map((row) => row.reports));
  return html`<table><thead><tr><th scope="col">pack</th><th scope="col" class="num">reports</th><th scope="col" class="num">installs</th><th scope="col" class="num">classified</th><th scope="col" class="num">healed</th></tr></thead>
<tbody>${data.usage.map(
    (row) => html`<tr><th scope="row">${row.version === null ? 'no diagnosis' : html`v${row.version}${row.version === data.servedVersion ? ' (served)' : ''}`}</th>
<td class="num">${formatNumber(row.reports)}${inlineBar(row.reports, max)}</td><td class="num">${formatNumber(row.installs)}</td>
<td class="num">${row.version === null ? '–' : share(row.classified, row.reports)}</td><td class="num">${share(row.healed, row.reports)}</td></tr>`,
  )}</tbody></table>`;
}

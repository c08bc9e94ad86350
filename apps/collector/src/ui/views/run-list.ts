/** The trainer runs page: start a run, and the recent runs with what each found. */
import type { TrainerRunRecord } from '@tapheal/db';
import type { TrainerSettings } from '../../env.js';
import { formatDuration, formatNumber, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Session } from '../session.js';
import { statusBadge } from './parts.js';
import { statsOf } from './run.js';

export interface RunListData {
  runs: TrainerRunRecord[];
  waiting: number;
  session: Session | null;
  gates: TrainerSettings;
  runningId: string | null;
}

export function runListView(data: RunListData): SafeHtml {
  const running = data.runningId ?? data.runs.find((run) => run.status === 'running')?.id ?? null;
  return html`<form method="post" action="/ui/runs" class="panel">${csrfField(data.session)}
<p>${formatNumber(data.waiting)} reports wait for a cluster. A run assigns them, recounts every cluster and, once
${formatNumber(data.gates.minReports)} reports exist, makes clusters seen from ${formatNumber(data.gates.minClusterInstalls)} installs candidates.
${data.gates.intervalMinutes > 0 ? `It also runs every ${data.gates.intervalMinutes} minutes on its own.` : 'It runs only when started (TAPHEAL_TRAINER_INTERVAL_MINUTES is 0).'}</p>
${running ? html`<p><a href="${uiUrl(`/runs/${running}`)}">A run is running now: follow it</a>.</p>` : ''}
<button type="submit">Start a trainer run</button></form>
<h2 id="recent-h">Recent runs</h2>
${data.runs.length === 0
    ? html`<p class="empty">No trainer run yet. Start one above: it clusters the reports received so far.</p>`
    : html`<table aria-labelledby="recent-h"><thead><tr><th scope="col">started</th><th scope="col">trigger</th><th scope="col">status</th><th scope="col">took</th>
<th scope="col" class="num">assigned</th><th scope="col" class="num">new candidates</th><th scope="col">note</th></tr></thead>
<tbody>${data.runs.map((run) => {
        const stats = statsOf(run.stats);
        return html`<tr><td><a href="${uiUrl(`/runs/${run.id}`)}">${formatTime(run.startedAt)}</a></td><td>${run.trigger}${run.startedBy ? html` (${run.startedBy})` : ''}</td><td>${statusBadge(run.status)}</td>
<td>${run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : '…'}</td>
<td class="num">${stats ? formatNumber(stats.assigned) : '–'}</td><td class="num">${stats ? formatNumber(stats.promoted) : '–'}</td>
<td>${run.error ?? (stats?.gated ? `gated: fewer than ${formatNumber(data.gates.minReports)} reports` : '')}</td></tr>`;
      })}</tbody></table>`}`;
}

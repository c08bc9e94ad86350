/** The cluster list: filters, a table sortable by column header, keyset pages, and empty states that say what to do. */
import { CLUSTER_STATUSES, type ClusterRecord, type ClusterSort } from '@tapheal/db';
import { formatNumber, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { categorySelect, statusBadge } from './parts.js';

/** Clusters per page unless the address asks for another number. */
export const DEFAULT_LIMIT = 50;

/** The category filter's value for clusters without a category. */
export const NO_CATEGORY = '(none)';

export interface ClusterListData {
  query: {
    status?: string | undefined;
    category?: string | undefined;
    suggested?: string | undefined;
    q?: string | undefined;
    sort: ClusterSort;
    dir: 'asc' | 'desc';
    cursor?: string | undefined;
    limit: number;
  };
  rows: { cluster: ClusterRecord; suggested: string | null }[];
  next: string | null;
  matching: number;
  all: number;
  reports: number;
  categories: string[];
  packVersion: number | null;
  minReports: number;
}

const COLUMNS: { sort: ClusterSort; label: string }[] = [
  { sort: 'reports', label: 'reports' },
  { sort: 'installs', label: 'installs' },
  { sort: 'growth', label: 'growth (7 d)' },
  { sort: 'recent', label: 'last seen' },
];

export function clusterListView(data: ClusterListData): SafeHtml {
  const { query } = data;
  const filters = { status: query.status, category: query.category, suggested: query.suggested, q: query.q };
  const limit = query.limit === DEFAULT_LIMIT ? undefined : query.limit;
  const link = (extra: Record<string, string | number | undefined>) => uiUrl('/clusters', { ...filters, sort: query.sort, dir: query.dir, limit, ...extra });
  const header = (column: (typeof COLUMNS)[number]) => {
    const active = query.sort === column.sort;
    const dir = active && query.dir === 'desc' ? 'asc' : 'desc';
    const sortState = active ? (query.dir === 'desc' ? 'descending' : 'ascending') : undefined;
    return html`<th scope="col" class="num"${sortState ? html` aria-sort="${sortState}"` : ''}><a href="${uiUrl('/clusters', { ...filters, sort: column.sort, dir, limit })}">${column.label}${active ? (query.dir === 'desc' ? ' ▼' : ' ▲') : ''}<span class="visually-hidden">, sort ${dir === 'desc' ? 'largest first' : 'smallest first'}</span></a></th>`;
  };
  return html`${filterForm(data)}
<p id="result-count" role="status">${formatNumber(data.matching)} of ${formatNumber(data.all)} clusters match${query.cursor ? ' (a later page)' : ''}.
${data.packVersion === null ? '' : html`“Suggested” is what the served pack v${data.packVersion} says of the template.`}</p>
${data.rows.length === 0
    ? emptyState(data)
    : html`<table aria-describedby="result-count">
<caption class="visually-hidden">Clusters, sorted by ${query.sort} ${query.dir === 'desc' ? 'largest first' : 'smallest first'}</caption>
<thead><tr><th scope="col">template</th><th scope="col">status</th><th scope="col">category</th><th scope="col">suggested</th>${COLUMNS.map(header)}</tr></thead>
<tbody>${data.rows.map(({ cluster, suggested }) => row(cluster, suggested))}</tbody></table>`}
<nav class="pager" aria-label="Pages">
${query.cursor ? html`<a href="${link({})}">First page</a>` : ''}
${data.next ? html`<a href="${link({ cursor: data.next })}" rel="next">Next page</a>` : ''}
</nav>`;
}

function row(cluster: ClusterRecord, suggested: string | null): SafeHtml {
  return html`<tr>
<td class="template-cell"><a href="${uiUrl(`/clusters/${encodeURIComponent(cluster.id)}`)}">${cluster.template.slice(0, 160)}${cluster.template.length > 160 ? '…' : ''}</a></td>
<td>${statusBadge(cluster.status)}</td>
<td>${cluster.category ?? html`<span class="muted">none</span>`}</td>
<td>${suggested && suggested !== 'unknown' ? suggested : html`<span class="muted">${suggested ?? '–'}</span>`}</td>
<td class="num">${formatNumber(cluster.reports)}</td><td class="num">${formatNumber(cluster.installs)}</td>
<td class="num">${cluster.growth > 0 ? `+${formatNumber(cluster.growth)}` : '0'}</td><td class="num">${formatTime(cluster.lastSeenAt)}</td>
</tr>`;
}

function filterForm(data: ClusterListData): SafeHtml {
  const { query } = data;
  const statusOption = (status: string) => html`<option value="${status}"${query.status === status ? html` selected` : ''}>${status}</option>`;
  return html`<form class="filters" method="get" action="/ui/clusters" role="search" aria-label="Filter clusters">
<div><label for="f-status">Status</label><select id="f-status" name="status"><option value="">all but merged</option>${CLUSTER_STATUSES.map(statusOption)}</select></div>
<div><label for="f-category">Category</label>${categorySelect('f-category', 'category', data.categories, query.category ?? '', { any: 'any', none: { value: NO_CATEGORY, label: 'none yet' } })}</div>
<div><label for="f-suggested">Suggested</label>${categorySelect('f-suggested', 'suggested', data.categories, query.suggested ?? '', { any: 'any' })}</div>
<div><label for="f-q">Template contains</label><input type="search" id="f-q" name="q" value="${query.q ?? ''}" maxlength="200"></div>
<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="dir" value="${query.dir}">${query.limit === DEFAULT_LIMIT ? '' : html`<input type="hidden" name="limit" value="${query.limit}">`}
<div><button type="submit">Filter</button> <a href="/ui/clusters">Clear</a></div>
</form>`;
}

function emptyState(data: ClusterListData): SafeHtml {
  if (data.all > 0) return html`<p class="empty">No cluster matches these filters. <a href="/ui/clusters">Show every cluster</a>.</p>`;
  if (data.reports === 0) {
    return html`<div class="empty"><p><strong>No clusters yet, and no reports.</strong> Clusters appear once clients send reports and the trainer runs.
No candidates are proposed before ${formatNumber(data.minReports)} reports exist.</p></div>`;
  }
  return html`<div class="empty"><p><strong>${formatNumber(data.reports)} reports, but no clusters yet.</strong> <a href="/ui/runs">Start a trainer run</a> to cluster them.
${data.reports < data.minReports ? html`With fewer than ${formatNumber(data.minReports)} reports it proposes no candidates yet.` : ''}</p></div>`;
}

/** One published pack: its facts, the rule diff against the version before, every rule with its measured fix rate, and yank. */
import type { PackSummary } from '@tapheal/db';
import type { Pack } from '@tapheal/rules';
import type { RuleDiff } from '@tapheal/trainer';
import { formatNumber, formatPercent, formatTime } from '../format.js';
import { html, uiUrl, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Session } from '../session.js';
import { ruleDiffView } from './rule-diff.js';

export interface PackVersionData {
  record: PackSummary;
  pack: Pack;
  diff: RuleDiff;
  /** Heal attempts per rule id, measured now from every stored report. */
  outcomes: Map<string, { attempts: number; healed: number }>;
  servedVersion: number | null;
  session: Session | null;
}

const rate = (outcome: { attempts: number; healed: number } | undefined) =>
  outcome && outcome.attempts > 0 ? html`${formatPercent(outcome.healed / outcome.attempts)} <span class="muted">(${formatNumber(outcome.healed)} of ${formatNumber(outcome.attempts)})</span>` : html`<span class="muted">no attempts</span>`;

export function packVersionView(data: PackVersionData): SafeHtml {
  const { record, pack } = data;
  const measured = pack.rules.filter((rule) => (data.outcomes.get(rule.id)?.attempts ?? 0) > 0).length;
  return html`<p><a href="/ui/packs">All packs</a></p>
<dl class="facts">
<dt>State</dt><dd>${record.yankedAt ? html`<span class="bad">yanked</span> ${formatTime(record.yankedAt)}${record.yankedBy ? html` by ${record.yankedBy}` : ''}${record.yankReason ? html`: ${record.yankReason}` : ''}` : record.version === data.servedVersion ? html`<span class="ok">served</span> at <a href="/v1/packs/latest">/v1/packs/latest</a>` : 'superseded'}</dd>
<dt>Published</dt><dd>${formatTime(record.createdAt)}${record.publishedBy ? html` by ${record.publishedBy}` : ''} (${record.source})</dd>
<dt>Expires</dt><dd>${formatTime(record.expiresAt)}</dd>
<dt>Signed by</dt><dd><code>${record.keyid.slice(0, 16)}…</code></dd>
<dt>Content</dt><dd>${pack.rules.length} rules in ${pack.categories.length} categories; <a href="${`/v1/packs/${record.version}`}">signed envelope</a></dd>
</dl>
<h2 id="diff-h">What changed</h2>
${record.version === 1 ? html`<p>The first pack: the built-in rules.</p>` : ruleDiffView(data.diff, `v${record.version - 1}`)}
<h2 id="rules-h">Rules and their measured fix rates</h2>
<p>Measured now from the heal attempts clients reported (${measured} of ${pack.rules.length} rules have any); the pack itself carries the counts as of its publication.</p>
<table><thead><tr><th scope="col">rule</th><th scope="col">category</th><th scope="col">fix</th><th scope="col" class="num">confidence</th><th scope="col" class="num">support</th><th scope="col">healed (in pack)</th><th scope="col">healed (now)</th></tr></thead>
<tbody>${[...pack.rules]
    .sort((a, b) => (data.outcomes.get(b.id)?.attempts ?? 0) - (data.outcomes.get(a.id)?.attempts ?? 0) || (a.id < b.id ? -1 : 1))
    .map(
      (rule) => html`<tr><th scope="row"><code>${rule.id}</code></th><td>${rule.category}</td><td><code>${rule.fix}</code></td><td class="num">${rule.confidence}</td>
<td class="num">${formatNumber(rule.support.reports)}</td><td>${rate(rule.outcomes)}</td><td>${rate(data.outcomes.get(rule.id))}</td></tr>`,
    )}</tbody></table>
${yankForm(data)}`;
}

function yankForm(data: PackVersionData): SafeHtml | '' {
  if (data.record.yankedAt) return '';
  return html`<h2 id="yank-h">Yank</h2>
<form method="post" action="${uiUrl(`/packs/${data.record.version}/yank`)}" class="panel">${csrfField(data.session)}
<p>Withdraws v${data.record.version} from <code>/v1/packs/latest</code>; clients that hold it keep it until a newer pack comes (they refuse older ones as a rollback). The last servable pack cannot be yanked.</p>
<label for="yank-reason">Reason</label><input type="text" id="yank-reason" name="reason" maxlength="500">
<button type="submit" class="danger">Yank v${data.record.version}</button></form>`;
}

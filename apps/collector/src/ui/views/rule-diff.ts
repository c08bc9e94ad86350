/** A rule diff between two packs, as three tables: added, removed and changed rules. */
import type { RuleDiff, RuleSummary } from '@tapheal/trainer';
import { html, type SafeHtml } from '../html.js';

const ruleRow = (rule: RuleSummary) =>
  html`<tr><th scope="row"><code>${rule.id}</code></th><td>${rule.category}</td><td><code>${rule.fix}</code></td><td class="num">${rule.confidence}</td><td class="template-cell">${rule.pattern}</td></tr>`;

const ruleTable = (caption: string, rules: readonly RuleSummary[]) =>
  html`<table><caption>${caption}</caption><thead><tr><th scope="col">rule</th><th scope="col">category</th><th scope="col">fix</th><th scope="col" class="num">confidence</th><th scope="col">pattern</th></tr></thead>
<tbody>${rules.map(ruleRow)}</tbody></table>`;

export function ruleDiffView(diff: RuleDiff, against: string): SafeHtml {
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return html`<p>No rule differs from ${against} (${diff.unchanged} rules the same).</p>`;
  return html`<p>Against ${against}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} the same.</p>
${diff.added.length > 0 && ruleTable('Added rules', diff.added)}
${diff.removed.length > 0 && ruleTable('Removed rules', diff.removed)}
${diff.changed.length > 0 &&
  html`<table><caption>Changed rules</caption><thead><tr><th scope="col">rule</th><th scope="col">what changed</th><th scope="col">before</th><th scope="col">after</th></tr></thead>
<tbody>${diff.changed.map(
    (change) => html`<tr><th scope="row"><code>${change.id}</code></th><td>${change.fields.join(', ')}</td>
<td class="template-cell">${change.fields.map((f) => html`${f}: ${String(change.before[f as keyof RuleSummary])}<br>`)}</td>
<td class="template-cell">${change.fields.map((f) => html`${f}: ${String(change.after[f as keyof RuleSummary])}<br>`)}</td></tr>`,
  )}</tbody></table>`}`;
}

/** Small pieces several pages share: status badges, the category and fix pickers, empty-state notes. */
import { BASE_TAXONOMY, FIX_KINDS } from '@tapheal/rules';
import { html, type SafeHtml } from '../html.js';

export const statusBadge = (status: string): SafeHtml => html`<span class="badge status-${status.replace(/[^a-z]/g, '')}">${status}</span>`;

/** A <select> of the base categories and those maintainers added, with `selected` chosen. */
export function categorySelect(id: string, name: string, extra: readonly string[], selected: string | null, options: { required?: boolean; any?: string; none?: { value: string; label: string } } = {}): SafeHtml {
  const base = BASE_TAXONOMY.map((category) => category.id);
  const added = [...new Set(extra)].filter((category) => !base.includes(category)).sort();
  const option = (value: string, label = value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  return html`<select id="${id}" name="${name}"${options.required ? html` required` : ''}>
${options.any !== undefined ? option('', options.any) : ''}${options.none ? option(options.none.value, options.none.label) : ''}
<optgroup label="Base taxonomy">${base.map((category) => option(category))}</optgroup>
${added.length > 0 && html`<optgroup label="Added by maintainers">${added.map((category) => option(category))}</optgroup>`}
</select>`;
}

export function fixSelect(id: string, name: string, selected: string | null, allowed?: readonly string[]): SafeHtml {
  const kinds = allowed ?? FIX_KINDS;
  return html`<select id="${id}" name="${name}">
<option value=""${selected ? '' : html` selected`}>(none: report only)</option>
${kinds.map((kind) => html`<option value="${kind}"${kind === selected ? html` selected` : ''}>${kind}</option>`)}
</select>`;
}

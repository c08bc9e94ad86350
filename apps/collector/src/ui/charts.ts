/**
 * Small charts drawn on the server as inline SVG: no script, nothing fetched, and each one carries a
 * text alternative (a title and description for screen readers, and its numbers in a table anyone can open).
 * Colours and sizes come from the stylesheet through classes, since the CSP allows no style attributes.
 */
import { formatNumber } from './format.js';
import { html, type SafeHtml } from './html.js';

export interface Bar {
  label: string;
  value: number;
  /** A part of `value` drawn over it, e.g. the classified share of the day's reports. */
  part?: number;
}

const WIDTH = 1000;
const HEIGHT = 180;
const AXIS = 36;

/** Columns over time (one per bar), with the first and last labels under them and the maximum on the left. */
export function columnChart(id: string, title: string, bars: readonly Bar[], legend?: { value: string; part?: string }): SafeHtml {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = (WIDTH - AXIS) / Math.max(1, bars.length);
  const barWidth = Math.max(1, step * 0.8);
  const y = (value: number) => HEIGHT - 18 - (value / max) * (HEIGHT - 30);
  const columns = bars.map((bar, i) => {
    const x = AXIS + i * step;
    const whole = html`<rect class="bar" x="${x.toFixed(1)}" y="${y(bar.value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(HEIGHT - 18 - y(bar.value)).toFixed(1)}"><title>${bar.label}: ${formatNumber(bar.value)}</title></rect>`;
    const part =
      bar.part !== undefined && bar.part > 0
        ? html`<rect class="bar-part" x="${x.toFixed(1)}" y="${y(bar.part).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(HEIGHT - 18 - y(bar.part)).toFixed(1)}"></rect>`
        : '';
    return html`${whole}${part}`;
  });
  const first = bars[0]?.label ?? '';
  const last = bars.at(-1)?.label ?? '';
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  return html`<figure class="chart">
  <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d">
    <title id="${id}-t">${title}</title>
    <desc id="${id}-d">${bars.length} values from ${first} to ${last}, ${formatNumber(total)} in all, at most ${formatNumber(max)}.</desc>
    <line class="axis" x1="${AXIS}" y1="${HEIGHT - 18}" x2="${WIDTH}" y2="${HEIGHT - 18}"></line>
    <text class="tick" x="${AXIS - 4}" y="16" text-anchor="end">${formatNumber(max)}</text>
    <text class="tick" x="${AXIS - 4}" y="${HEIGHT - 18}" text-anchor="end">0</text>
    ${columns}
    <text class="tick" x="${AXIS}" y="${HEIGHT - 4}">${first}</text>
    <text class="tick" x="${WIDTH}" y="${HEIGHT - 4}" text-anchor="end">${last}</text>
  </svg>
  ${legend && html`<figcaption><span class="key key-bar"></span> ${legend.value}${legend.part && html` <span class="key key-part"></span> ${legend.part}`}</figcaption>`}
  ${dataTable(title, bars, legend)}
</figure>`;
}

function dataTable(title: string, bars: readonly Bar[], legend?: { value: string; part?: string }): SafeHtml {
  const hasPart = bars.some((bar) => bar.part !== undefined);
  return html`<details class="chart-data"><summary>${title}: the numbers</summary>
  <table><thead><tr><th scope="col">when</th><th scope="col">${legend?.value ?? 'value'}</th>${hasPart && html`<th scope="col">${legend?.part ?? 'part'}</th>`}</tr></thead>
  <tbody>${bars.map((bar) => html`<tr><th scope="row">${bar.label}</th><td class="num">${formatNumber(bar.value)}</td>${hasPart && html`<td class="num">${formatNumber(bar.part ?? 0)}</td>`}</tr>`)}</tbody></table>
</details>`;
}

/** A small bar for a table cell: its length is `value / max` of the cell. */
export function inlineBar(value: number, max: number): SafeHtml {
  const width = max <= 0 ? 0 : Math.max(value > 0 ? 1 : 0, (value / max) * 100);
  return html`<svg class="inline-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect x="0" y="0" width="${width.toFixed(1)}" height="8"></rect></svg>`;
}

/** A line of values in a few pixels, for a table row; hidden from screen readers (the row says the numbers). */
export function sparkline(values: readonly number[]): SafeHtml {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? 100 / (values.length - 1) : 0;
  const points = values.map((value, i) => `${(i * step).toFixed(1)},${(18 - (value / max) * 16).toFixed(1)}`).join(' ');
  return html`<svg class="sparkline" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true" focusable="false"><polyline points="${points}"></polyline></svg>`;
}

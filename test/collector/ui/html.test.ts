import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, SafeHtml, uiUrl } from '../../../apps/collector/src/ui/html.js';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["it's `here` & there", 'it&#39;s &#96;here&#96; &amp; there'],
    ['&amp;', '&amp;amp;'],
    ['plain text: spawn npx ENOENT', 'plain text: spawn npx ENOENT'],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = '"><script>x</script>';
    expect(html`<a title="${evil}">${evil}</a>`.value).toBe('<a title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">&quot;&gt;&lt;script&gt;x&lt;/script&gt;</a>');
  });

  it('keeps nested html as it is, and escapes what the nested one interpolated', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('joins arrays, escaping each item', () => {
    expect(html`<ul>${['<a>', html`<li>ok</li>`, 3]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li>3</ul>');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['false', false],
  ])('renders %s as nothing', (_name, value) => {
    expect(html`[${value}]`.value).toBe('[]');
  });

  it('renders numbers and true as text', () => {
    expect(html`${0} ${1.5} ${true}`.value).toBe('0 1.5 true');
  });

  it('escapes an object that only pretends to be safe', () => {
    const impostor = { value: '<b>', toString: () => '<b>' };
    expect(html`${impostor}`.value).toBe('&lt;b&gt;');
  });

  it('passes raw markup through, and only raw markup', () => {
    expect(raw('<br>')).toBeInstanceOf(SafeHtml);
    expect(html`${raw('<br>')}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
  });
});

describe('uiUrl', () => {
  it('encodes the query and leaves out empty parameters', () => {
    expect(uiUrl('/clusters', { q: 'a&b <c>', status: '', category: undefined, limit: 5 })).toBe('/ui/clusters?q=a%26b+%3Cc%3E&limit=5');
    expect(uiUrl('/packs')).toBe('/ui/packs');
  });
});

/**
 * The Loghub-2k sample in ../shared/data/loghub-2k, read in place (never copied): per dataset, the
 * `Content` of each line and its ground-truth group, from the corrected labels (Khan et al., ICSE 2022),
 * grouped by `EventTemplate` as the dataset README suggests (or the original labels, on request). Used by
 * the golden test and bench:templates.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data/loghub-2k beside the repository root (this file is test/trainer/mine/loghub.ts). */
export const LOGHUB_2K = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'loghub-2k');

export const LOGHUB_DATASETS = [
  'Android', 'Apache', 'BGL', 'HDFS', 'HPC', 'Hadoop', 'HealthApp', 'Linux',
  'Mac', 'OpenSSH', 'OpenStack', 'Proxifier', 'Spark', 'Thunderbird', 'Windows', 'Zookeeper',
] as const;
export type LoghubDataset = (typeof LOGHUB_DATASETS)[number];

export interface LabelledLines {
  /** The `Content` column, one message per line, in file order. */
  messages: string[];
  /** The ground-truth group of each message (its `EventTemplate`). */
  truth: string[];
}

/** Parses RFC 4180 CSV: quoted fields, `""` escapes, commas and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** `corrected` (Khan et al. 2022, the default) or `original` (Zhu et al. 2019, for the older published numbers). */
export type LoghubLabels = 'corrected' | 'original';

export function readLoghub(dataset: LoghubDataset, labels: LoghubLabels = 'corrected'): LabelledLines {
  const file = join(LOGHUB_2K, dataset, `${dataset}_2k.log_structured${labels === 'corrected' ? '_corrected' : ''}.csv`);
  const [header = [], ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const content = header.indexOf('Content');
  const template = header.indexOf('EventTemplate');
  if (content < 0 || template < 0) throw new Error(`${file}: no Content or EventTemplate column`);
  return { messages: rows.map((row) => row[content] ?? ''), truth: rows.map((row) => row[template] ?? '') };
}

/**
 * The template a report is clustered by, and the cluster id derived from it. The id is a hash of the
 * template, so the same failure lands in the same cluster on every run and on every machine, and the
 * labels maintainers put on a cluster survive. The miner (../mine) groups these templates further; the
 * run keeps its clusters' ids stable through stable-ids.ts.
 */
import { createHash } from 'node:crypto';
import { normaliseMessage, NORMALISER_VERSION } from '@tapheal/rules';

/** Templates past this length are cut: two messages that agree on this much are one failure. */
export const MAX_TEMPLATE_CHARS = 2_000;

export function templateOf(message: string): string {
  return normaliseMessage(message).slice(0, MAX_TEMPLATE_CHARS);
}

/** The id of a template: a hash of the normaliser's version and the template, so a new normaliser never reuses an id. */
export function clusterIdOf(template: string): string {
  return `c${createHash('sha256').update(`n${NORMALISER_VERSION}\n${template}`, 'utf8').digest('hex').slice(0, 16)}`;
}

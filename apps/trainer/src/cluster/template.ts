/**
 * The template a report is clustered by, and the cluster id derived from it. The id is a hash of the
 * template, so the same failure lands in the same cluster on every run and on every machine, and the
 * labels maintainers put on a cluster survive. (The template miner of the trainer issue replaces this
 * exact-template grouping with a Drain-style one; it keeps the ids stable through its own mapping.)
 */
import { createHash } from 'node:crypto';
import { normaliseMessage } from '@tapheal/rules';

/** Templates past this length are cut: two messages that agree on this much are one failure. */
export const MAX_TEMPLATE_CHARS = 2_000;

export function templateOf(message: string): string {
  return normaliseMessage(message).slice(0, MAX_TEMPLATE_CHARS);
}

export function clusterIdOf(template: string): string {
  return `c${createHash('sha256').update(template, 'utf8').digest('hex').slice(0, 16)}`;
}

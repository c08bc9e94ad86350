/**
 * mineTemplates: the miner over a list of messages, with every message given its final cluster (the
 * pure entry the trainer's run and the CLI build on). Pass the state of an earlier run to continue it.
 */
import type { MinerState } from './miner-state.js';
import { createMiner, type MinedCluster, type MinedTemplate } from './miner.js';

export interface MinedTemplates {
  /** One entry per message, in order: its final cluster's id and template. */
  assignments: MinedTemplate[];
  /** The final clusters, largest first. */
  clusters: MinedCluster[];
  state: MinerState;
}

export function mineTemplates(messages: Iterable<string>, options: { state?: MinerState } = {}): MinedTemplates {
  const miner = createMiner(options.state);
  const joined: number[] = [];
  for (const message of messages) joined.push(miner.add(message).cluster);
  return { assignments: joined.map((cluster) => miner.resolve(cluster)), clusters: miner.clusters(), state: miner.state() };
}

/** Each message's final template and cluster id, in order. */
export const templatesOf = (messages: Iterable<string>): MinedTemplate[] => mineTemplates(messages).assignments;

/**
 * The evaluation gate a pack passes before it is published: compiled, it must classify the reports of
 * every confirmed cluster as that cluster's category, at least MIN_CLUSTER_RECALL of them. Pure.
 */
import { compileMatcher, type Pack } from '@tapheal/rules';

export const MIN_CLUSTER_RECALL = 0.9;

export interface LabelledSample {
  clusterId: string;
  category: string;
  messages: readonly string[];
}

export interface ClusterEvaluation {
  clusterId: string;
  category: string;
  messages: number;
  recall: number;
}

export interface Evaluation {
  passed: boolean;
  clusters: ClusterEvaluation[];
  reasons: string[];
}

export function evaluatePack(pack: Pack, samples: readonly LabelledSample[]): Evaluation {
  const compiled = compileMatcher(pack);
  if (!compiled.ok) return { passed: false, clusters: [], reasons: [`unsafe_pattern: ${compiled.detail}`] };
  const matcher = compiled.value;
  const clusters = samples.map(({ clusterId, category, messages }) => {
    const hits = messages.filter((message) => matcher.classify(message).category === category).length;
    return { clusterId, category, messages: messages.length, recall: messages.length === 0 ? 0 : hits / messages.length };
  });
  const reasons = clusters
    .filter((cluster) => cluster.recall < MIN_CLUSTER_RECALL)
    .map((cluster) => `cluster ${cluster.clusterId}: ${(cluster.recall * 100).toFixed(0)}% of ${cluster.messages} reports classify as ${cluster.category} (at least ${MIN_CLUSTER_RECALL * 100}% needed)`);
  return { passed: reasons.length === 0, clusters, reasons };
}

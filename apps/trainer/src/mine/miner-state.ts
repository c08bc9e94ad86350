/**
 * The miner's state: plain, versioned JSON (`JSON.stringify` it, store it, `JSON.parse` it and hand it
 * back to createMiner). It holds the clusters only, in the order they were founded; the lookup tables
 * are rebuilt from it, so a restored miner continues exactly as the one that was saved would have.
 */
export const MINER_STATE_VERSION = 1;

export interface ClusterState {
  /** The template's tokens, `<*>` for each parameter. */
  tokens: string[];
  /** One character per token: `1` when whitespace came before it in the first message, else `0`. */
  spaces: string;
  /** How many messages the cluster took, those of clusters merged into it included. */
  size: number;
  /** Set once the cluster was merged into another one: that cluster's index. */
  mergedInto?: number;
}

export interface MinerState {
  version: typeof MINER_STATE_VERSION;
  clusters: ClusterState[];
}

export const emptyMinerState = (): MinerState => ({ version: MINER_STATE_VERSION, clusters: [] });

export function isMinerState(value: unknown): value is MinerState {
  if (typeof value !== 'object' || value === null) return false;
  const { version, clusters } = value as Partial<MinerState>;
  if (version !== MINER_STATE_VERSION || !Array.isArray(clusters)) return false;
  return clusters.every((cluster: unknown, index) => isClusterState(cluster, index));
}

function isClusterState(value: unknown, index: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { tokens, spaces, size, mergedInto } = value as Partial<ClusterState>;
  return (
    Array.isArray(tokens) &&
    tokens.every((token) => typeof token === 'string') &&
    typeof spaces === 'string' &&
    spaces.length === tokens.length &&
    Number.isInteger(size) &&
    (mergedInto === undefined || (Number.isInteger(mergedInto) && mergedInto >= 0 && mergedInto < index))
  );
}

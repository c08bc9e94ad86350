/**
 * The online template miner, in the spirit of Drain (He et al., ICWS 2017) but built for messages as
 * they really are. Each message is tokenised and its obvious parameters masked (tokenise.ts,
 * parameters.ts); then, in a tree of fixed depth:
 *   1. its shape (length and delimiters, shape.ts) picks the leaf holding the candidate templates;
 *   2. it joins the most specific template it fits, where every constant token agrees and `<*>` takes
 *      anything (ties go to the oldest template); when none fits, it founds a new cluster;
 *   3. a new cluster that differs from enough clusters of its leaf in one word position merges with
 *      them, that position becoming a parameter (sibling-merge.ts).
 * Clusters therefore only ever generalise, and the final pass (variant-merge.ts) joins templates that
 * differ by variable-length parameters. A message's final cluster is the one its cluster was merged
 * into, so `resolve(add(message).cluster)` after the last message gives every message its final
 * template. Cluster ids are hashes of the final template text (clusterIdOf), stable across runs.
 *
 * Pure and deterministic: the state is plain JSON (miner-state.ts), and mining lines 1..n in one go gives
 * the same clusters as mining 1..k, saving `state()` through JSON, restoring and mining k+1..n.
 */
import { clusterIdOf } from '../cluster/template.js';
import { emptyMinerState, isMinerState, MINER_STATE_VERSION, type ClusterState, type MinerState } from './miner-state.js';
import { maskTokens, WILDCARD } from './parameters.js';
import { renderTemplate } from './render-template.js';
import { shapeOf } from './shape.js';
import { findSiblingMerge, MIN_CONTEXT_WORDS } from './sibling-merge.js';
import { tokenise } from './tokenise.js';
import { groupVariants } from './variant-merge.js';

/**
 * Signatures remembered for the fast path. An entry holds while its leaf is unchanged (the leaf's version
 * counts the clusters founded and merged in it), so it always gives what a search would give.
 */
const MAX_REMEMBERED_SIGNATURES = 100_000;

export interface MinedTemplate {
  clusterId: string;
  template: string;
}

export interface MinedMessage extends MinedTemplate {
  /** The cluster the message joined or founded (an index into the state's clusters); see `resolve`. */
  cluster: number;
}

export interface MinedCluster extends MinedTemplate {
  size: number;
}

export interface Miner {
  /** Mines one message; returns its cluster and that cluster's template as they stand now. */
  add(message: string): MinedMessage;
  /** The final cluster of a cluster index returned by `add`: after every merge made since. */
  resolve(cluster: number): MinedTemplate;
  /** The final clusters, largest first (ties by id). */
  clusters(): MinedCluster[];
  /** A deep copy of the state, for JSON.stringify. */
  state(): MinerState;
}

interface Cluster extends ClusterState {
  shape: string;
  constants: number;
  /** The template's text and id, rendered on first use after each change. */
  rendered?: MinedTemplate;
}

/** A leaf of the tree: the live clusters of one shape, in index order. */
interface Leaf {
  clusters: number[];
  version: number;
}

interface Remembered {
  cluster: number;
  leaf: Leaf;
  version: number;
}

interface Final {
  /** For each cluster index, the index of the cluster that represents its final group. */
  representative: number[];
  templates: Map<number, MinedTemplate>;
}

export function createMiner(initial: MinerState = emptyMinerState()): Miner {
  if (!isMinerState(initial)) throw new TypeError(`not a template miner state (version ${MINER_STATE_VERSION})`);
  const clusters: Cluster[] = initial.clusters.map((cluster) => toCluster(cluster.tokens, cluster.spaces, cluster.size, cluster.mergedInto));
  const leaves = new Map<string, Leaf>();
  clusters.forEach((cluster, index) => {
    if (cluster.mergedInto === undefined) leafOf(leaves, cluster.shape).clusters.push(index);
  });
  const remembered = new Map<string, Remembered>();
  let final: Final | undefined;

  const rootOf = (index: number): number => {
    let root = index;
    for (let next = clusters[root]?.mergedInto; next !== undefined; next = clusters[root]?.mergedInto) root = next;
    return root;
  };

  const templateOf = (index: number): readonly string[] => (clusters[index] as Cluster).tokens;

  /** Founds a cluster for tokens that fit no template, then makes the sibling merges it brings due. */
  function found(tokens: string[], spaces: string, leaf: Leaf): number {
    const bucket = leaf.clusters;
    leaf.version++;
    let founded = clusters.push(toCluster(tokens, spaces, 0)) - 1;
    bucket.push(founded);
    let merge = findSiblingMerge(founded, bucket, templateOf);
    while (merge !== undefined) {
      const [keep, ...others] = merge.members as [number, ...number[]];
      const kept = clusters[keep] as Cluster;
      if (kept.tokens[merge.position] !== WILDCARD) kept.constants--;
      kept.tokens = kept.tokens.slice();
      kept.tokens[merge.position] = WILDCARD;
      delete kept.rendered;
      for (const other of others) {
        const merged = clusters[other] as Cluster;
        merged.mergedInto = keep;
        kept.size += merged.size;
        bucket.splice(bucket.indexOf(other), 1);
      }
      founded = keep;
      merge = findSiblingMerge(founded, bucket, templateOf);
    }
    return founded;
  }

  function add(message: string): MinedMessage {
    const masked = maskTokens(tokenise(message));
    const signature = masked.texts.join('\u0001');
    const memory = remembered.get(signature);
    let index = memory !== undefined && memory.version === memory.leaf.version ? memory.cluster : undefined;
    if (index === undefined) {
      const leaf = leafOf(leaves, shapeOf(masked.texts));
      index = bestFit(clusters, leaf.clusters, masked.texts) ?? found(masked.texts, spacesOf(masked.spaced), leaf);
      if (remembered.size >= MAX_REMEMBERED_SIGNATURES) remembered.clear();
      remembered.set(signature, { cluster: index, leaf, version: leaf.version });
    }
    const cluster = clusters[index] as Cluster;
    cluster.size++;
    final = undefined;
    return { cluster: index, ...renderedOf(cluster) };
  }

  function finalise(): Final {
    if (final !== undefined) return final;
    const live = clusters.flatMap((cluster, index) => (cluster.mergedInto === undefined ? [index] : []));
    const groups = groupVariants(live.map((index) => (clusters[index] as Cluster).tokens));
    const groupOf = new Map(live.map((index, position) => [index, live[groups[position] as number] as number]));
    const representative = clusters.map((_, index) => groupOf.get(rootOf(index)) as number);
    const templates = new Map<number, MinedTemplate>();
    for (const index of new Set(representative)) templates.set(index, renderedOf(clusters[index] as Cluster));
    return (final = { representative, templates });
  }

  return {
    add,
    resolve(index) {
      const { representative, templates } = finalise();
      const template = templates.get(representative[index] ?? -1);
      if (template === undefined) throw new RangeError(`no cluster ${index}`);
      return { ...template };
    },
    clusters() {
      const { representative, templates } = finalise();
      const sizes = new Map<number, number>();
      clusters.forEach((cluster, index) => {
        if (cluster.mergedInto === undefined) sizes.set(representative[index] as number, (sizes.get(representative[index] as number) ?? 0) + cluster.size);
      });
      return [...templates]
        .map(([index, template]) => ({ ...template, size: sizes.get(index) ?? 0 }))
        .sort((a, b) => b.size - a.size || (a.clusterId < b.clusterId ? -1 : 1));
    },
    state: () => ({
      version: MINER_STATE_VERSION,
      clusters: clusters.map(({ tokens, spaces, size, mergedInto }) => ({ tokens: [...tokens], spaces, size, ...(mergedInto === undefined ? {} : { mergedInto }) })),
    }),
  };
}

function toCluster(tokens: string[], spaces: string, size: number, mergedInto?: number): Cluster {
  const shape = shapeOf(tokens);
  let constants = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens[i] !== WILDCARD && shape[i] === '.') constants++;
  return { tokens, spaces, size, shape, constants, ...(mergedInto === undefined ? {} : { mergedInto }) };
}

function renderedOf(cluster: Cluster): MinedTemplate {
  if (cluster.rendered === undefined) {
    const template = renderTemplate(cluster.tokens, cluster.spaces);
    cluster.rendered = { clusterId: clusterIdOf(template), template };
  }
  return cluster.rendered;
}

function leafOf(leaves: Map<string, Leaf>, shape: string): Leaf {
  let leaf = leaves.get(shape);
  if (leaf === undefined) leaves.set(shape, (leaf = { clusters: [], version: 0 }));
  return leaf;
}

const spacesOf = (spaced: readonly boolean[]): string => spaced.map((space) => (space ? '1' : '0')).join('');

/** The most specific template of the bucket that the tokens fit (oldest on a tie), if any. */
function bestFit(clusters: readonly Cluster[], leaf: readonly number[], tokens: readonly string[]): number | undefined {
  let best: number | undefined;
  let bestConstants = -1;
  for (const index of leaf) {
    const cluster = clusters[index] as Cluster;
    if (cluster.constants <= bestConstants || !fits(cluster, tokens)) continue;
    best = index;
    bestConstants = cluster.constants;
  }
  return best;
}

/**
 * Whether the tokens fit the template: every constant agrees. A word may stand where the template has a
 * parameter only in a template with MIN_CONTEXT_WORDS constant words: `<*>` alone takes parameters, not
 * every one-word message.
 */
function fits(cluster: Cluster, tokens: readonly string[]): boolean {
  const template = cluster.tokens;
  let wordForParameter = false;
  for (let i = 0; i < template.length; i++) {
    const token = template[i];
    if (token === WILDCARD) wordForParameter ||= tokens[i] !== WILDCARD;
    else if (token !== tokens[i]) return false;
  }
  return !wordForParameter || cluster.constants >= MIN_CONTEXT_WORDS;
}

/**
 * A plain, classic Drain (He, Zhu, Zheng, Lyu, ICWS 2017), written here from the paper as the baseline
 * bench:templates measures our miner against: a fixed-depth tree (length, then the first tokens), a
 * token-similarity threshold, and a template that turns each disagreeing position into `<*>`. One
 * setting for every dataset, and only the generic preprocessing: whitespace tokens, and any token with
 * a digit is a parameter.
 */
export interface DrainBaselineOptions {
  /** Tree depth as in the paper: the root, the length layer, then depth - 2 token layers. */
  depth: number;
  /** A message joins the most similar leaf cluster when at least this share of tokens agrees. */
  similarity: number;
  /** Children per tree node; past it, new tokens share the `<*>` child. */
  maxChildren: number;
}

export const DRAIN_BASELINE_OPTIONS: DrainBaselineOptions = { depth: 4, similarity: 0.5, maxChildren: 100 };

const WILDCARD = '<*>';

interface Node {
  children: Map<string, Node>;
  clusters: number[];
}

export interface DrainBaseline {
  /** Adds one message and returns the index of the cluster it joined or founded. */
  add(message: string): number;
  /** The current template of a cluster. */
  template(cluster: number): string;
}

const newNode = (): Node => ({ children: new Map(), clusters: [] });
const hasDigit = (token: string): boolean => /\d/.test(token);

export function createDrainBaseline(options: DrainBaselineOptions = DRAIN_BASELINE_OPTIONS): DrainBaseline {
  const byLength = new Map<number, Node>();
  const templates: string[][] = [];

  function leafFor(tokens: readonly string[]): Node {
    let node: Node = byLength.get(tokens.length) ?? newNode();
    byLength.set(tokens.length, node);
    const layers = Math.min(options.depth - 2, tokens.length);
    for (let layer = 0; layer < layers; layer++) {
      const token = tokens[layer] as string;
      let next: Node | undefined = node.children.get(token);
      if (next === undefined) {
        const key = hasDigit(token) || node.children.size + 1 >= options.maxChildren ? WILDCARD : token;
        next = node.children.get(key);
        if (next === undefined) node.children.set(key, (next = newNode()));
      }
      node = next;
    }
    return node;
  }

  function mostSimilar(leaf: Node, tokens: readonly string[]): { cluster: number; score: number } | undefined {
    let best: { cluster: number; score: number; params: number } | undefined;
    for (const cluster of leaf.clusters) {
      const template = templates[cluster] as string[];
      let same = 0;
      let params = 0;
      for (let i = 0; i < tokens.length; i++) {
        if (template[i] === WILDCARD) params++;
        else if (template[i] === tokens[i]) same++;
      }
      const score = same / tokens.length;
      if (best === undefined || score > best.score || (score === best.score && params > best.params)) best = { cluster, score, params };
    }
    return best;
  }

  return {
    add(message) {
      const tokens = message.split(/\s+/).filter((token) => token !== '').map((token) => (hasDigit(token) ? WILDCARD : token));
      const leaf = leafFor(tokens);
      const match = mostSimilar(leaf, tokens);
      if (match !== undefined && match.score >= options.similarity) {
        const template = templates[match.cluster] as string[];
        tokens.forEach((token, i) => {
          if (template[i] !== token) template[i] = WILDCARD;
        });
        return match.cluster;
      }
      templates.push(tokens);
      leaf.clusters.push(templates.length - 1);
      return templates.length - 1;
    },
    template: (cluster) => (templates[cluster] ?? []).join(' '),
  };
}

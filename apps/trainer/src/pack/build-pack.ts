/**
 * Builds the next pack from the one being served and the clusters maintainers confirmed: the base
 * pack's own rules stay, every rule an earlier cluster contributed is rebuilt from the clusters
 * confirmed now (so a cluster rejected since drops out), and a confirmed category the taxonomy lacks
 * is added as data. Pure: time and version come in as parameters.
 */
import { BASE_CATEGORY_IDS, PACK_FORMAT, canonicalJson, compilePatterns, fail, ok, parsePack, type FixKind, type Pack, type PackCategory, type Result, type Rule } from '@tapheal/rules';
import { SYNTHESIS_STEPS, synthesisePattern } from '../synthesise/synthesise-rule.js';

/** Rules built from clusters carry this prefix before the cluster id. */
export const CLUSTER_RULE_PREFIX = 'cluster.';
/**
 * Above every built-in rule (at most 0.96): a maintainer's label on a template is surer than the
 * built-in pack's guess at the same message. A cluster rule that takes reports of another labelled
 * category is caught by the regression gate before it is published.
 */
export const CLUSTER_RULE_CONFIDENCE = 0.97;

export interface ConfirmedCluster {
  id: string;
  template: string;
  category: string;
  fix: FixKind;
  note: string | null;
  reports: number;
  installs: number;
}

export interface BuildPackInput {
  base: Pack;
  clusters: readonly ConfirmedCluster[];
  version: number;
  now: Date;
  ttlDays: number;
  /** Keys later packs may be signed with (key rotation); the pack announces them to clients that trust it. */
  keys?: readonly { keyid: string; pem: string }[];
  /** Measured healing outcomes per rule id, from the reports clients sent; a rule without any keeps none. */
  outcomes?: ReadonlyMap<string, RuleOutcome>;
  /**
   * Reports of the labelled clusters: a cluster's rule must not match those of another category, so its
   * pattern grows more specific (SYNTHESIS_STEPS) until it does not, or the cluster is refused.
   */
  samples?: readonly { clusterId: string; category: string; messages: readonly string[] }[];
}

export interface RuleOutcome {
  attempts: number;
  healed: number;
}

export interface BuildRefusal {
  clusterId?: string;
  reason: 'too_generic' | 'ambiguous' | 'fix_not_allowed' | 'invalid_pack';
  detail: string;
}

export type BuildPackResult = { ok: true; pack: Pack } | { ok: false; refusals: BuildRefusal[] };

export function buildPack({ base, clusters, version, now, ttlDays, outcomes, keys, samples }: BuildPackInput): BuildPackResult {
  const refusals: BuildRefusal[] = [];
  const categories: PackCategory[] = base.categories.map((category) => ({ ...category, fixes: [...category.fixes] }));
  const rules: Rule[] = base.rules.filter((rule) => !rule.id.startsWith(CLUSTER_RULE_PREFIX));
  for (const cluster of clusters) {
    const pattern = distinctPattern(cluster, samples ?? []);
    if (!pattern.ok) {
      refusals.push({ clusterId: cluster.id, reason: pattern.reason, detail: pattern.detail });
      continue;
    }
    const category = categories.find((candidate) => candidate.id === cluster.category) ?? addCategory(categories, cluster);
    // A category maintainers added is theirs to extend; the base taxonomy's fixes are fixed.
    if (!isBaseCategory(category.id) && !category.fixes.includes(cluster.fix)) category.fixes.push(cluster.fix);
    if (!category.fixes.includes(cluster.fix)) {
      refusals.push({ clusterId: cluster.id, reason: 'fix_not_allowed', detail: `category ${category.id} does not allow the fix ${cluster.fix}` });
      continue;
    }
    rules.push({
      id: `${CLUSTER_RULE_PREFIX}${cluster.id}`,
      category: cluster.category,
      pattern: pattern.value,
      confidence: CLUSTER_RULE_CONFIDENCE,
      fix: cluster.fix,
      description: cluster.note ?? `Confirmed by maintainers from cluster ${cluster.id}.`,
      support: { reports: cluster.reports, installs: cluster.installs },
    });
  }
  if (refusals.length > 0) return { ok: false, refusals };
  const measured = rules.map((rule) => {
    const outcome = outcomes?.get(rule.id);
    const { outcomes: _previous, ...rest } = rule;
    return outcome ? { ...rest, outcomes: { attempts: outcome.attempts, healed: Math.min(outcome.healed, outcome.attempts) } } : rest;
  });
  const parsed = parsePack({
    format: PACK_FORMAT,
    version,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000).toISOString(),
    categories,
    rules: measured,
    ...(keys && keys.length > 0 ? { keys: keys.map(({ keyid, pem }) => ({ keyid, pem })) } : {}),
  });
  return parsed.ok ? { ok: true, pack: parsed.value } : { ok: false, refusals: [{ reason: 'invalid_pack', detail: parsed.detail }] };
}

const isBaseCategory = (id: string): boolean => (BASE_CATEGORY_IDS as readonly string[]).includes(id);

function addCategory(categories: PackCategory[], cluster: ConfirmedCluster): PackCategory {
  const category: PackCategory = {
    id: cluster.category,
    title: cluster.category.replace(/_/g, ' '),
    description: cluster.note ?? `Added by maintainers from cluster ${cluster.id}.`,
    fixes: [...new Set<FixKind>([cluster.fix, 'report_only'])],
  };
  categories.push(category);
  return category;
}

/** Whether two packs say the same thing: same categories, rules and announced keys, support and outcome counts aside. */
export function isSameContent(a: Pack, b: Pack): boolean {
  const content = (pack: Pack) =>
    canonicalJson({ categories: pack.categories, rules: pack.rules.map(({ support: _support, outcomes: _outcomes, ...rule }) => rule), keys: pack.keys ?? [] });
  return content(a) === content(b);
}

/**
 * The most general pattern for the cluster's template that matches no sampled report of another
 * category (the first of SYNTHESIS_STEPS that does not).
 */
function distinctPattern(cluster: ConfirmedCluster, samples: NonNullable<BuildPackInput['samples']>): Result<string, 'too_generic' | 'ambiguous'> {
  const others = samples.filter((sample) => sample.category !== cluster.category && sample.clusterId !== cluster.id);
  let clash = '';
  for (const step of SYNTHESIS_STEPS) {
    const pattern = synthesisePattern(cluster.template, step);
    if (!pattern.ok) return pattern;
    const compiled = compilePatterns([pattern.value]);
    if (!compiled.ok) return fail('too_generic', `pattern refused: ${compiled.reason.message}`);
    const taken = others.find((sample) => sample.messages.some((message) => compiled.value.scan(message).length > 0));
    if (!taken) return ok(pattern.value);
    clash = `its pattern also matches reports of cluster ${taken.clusterId}, labelled ${taken.category}`;
  }
  return fail('ambiguous', `${clash}, however specific: relabel one of them, or merge them`);
}

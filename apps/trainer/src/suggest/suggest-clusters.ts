/**
 * What a trainer run says of each unlabelled cluster: the category its model suggests (trained on the
 * clusters maintainers confirmed) and how sure, whether it looks like a new category, and what the
 * served pack says of an example. The review UI and the API show these beside the cluster.
 */
import { BUILTIN_PACK, compileMatcher, type Matcher } from '@tapheal/rules';
import { labelledExamples, latestPack, setClusterSuggestions, unlabelledClusterExamples, type ClusterSuggestion, type Db } from '@tapheal/db';
import { packOf } from '../publish/publish-pack.js';
import { trainSuggester } from './suggester.js';

/** Messages per confirmed cluster the model learns from. */
export const EXAMPLES_PER_LABELLED_CLUSTER = 20;

export async function suggestCategories(db: Db): Promise<{ clusters: number; labelledExamples: number }> {
  const [examples, clusters, served] = await Promise.all([labelledExamples(db, EXAMPLES_PER_LABELLED_CLUSTER), unlabelledClusterExamples(db), latestPack(db)]);
  const pack = served ? packOf(served.body) : BUILTIN_PACK;
  const matcher: Matcher | null = (() => {
    const compiled = compileMatcher(pack);
    return compiled.ok ? compiled.value : null;
  })();
  // With fewer than two categories labelled the model has nothing to tell apart: no suggestion then.
  const suggester = new Set(examples.map((example) => example.category)).size >= 2 ? trainSuggester(examples.map(({ category, message }) => ({ text: message, category }))) : null;
  const rows = clusters.map(({ id, message }): ClusterSuggestion => {
    const suggestion = suggester?.suggest(message);
    const diagnosis = matcher?.classify(message);
    return {
      id,
      suggestedCategory: suggestion?.category ?? null,
      suggestedConfidence: suggestion?.confidence ?? null,
      looksNew: suggestion?.looksNew ?? null,
      packCategory: diagnosis?.category ?? 'unknown',
      packConfidence: diagnosis?.confidence ?? 0,
    };
  });
  await setClusterSuggestions(db, rows);
  return { clusters: rows.length, labelledExamples: examples.length };
}

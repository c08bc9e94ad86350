/**
 * Grouping accuracy (GA), the standard score of a template miner as a clusterer (Zhu et al., ICSE-SEIP
 * 2019): a message counts as correct only when the set of messages in its predicted group is exactly the
 * set of messages in its true group. GA is the share of correct messages, from 0 to 1.
 */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  if (predicted.length !== truth.length) throw new RangeError(`${predicted.length} predictions for ${truth.length} truths`);
  if (truth.length === 0) return 1;
  const truthSizes = countBy(truth);
  const members = new Map<string, number[]>();
  predicted.forEach((group, index) => {
    const list = members.get(group);
    if (list === undefined) members.set(group, [index]);
    else list.push(index);
  });
  let correct = 0;
  for (const indexes of members.values()) {
    const label = truth[indexes[0] as number] as string;
    const pure = indexes.every((index) => truth[index] === label);
    if (pure && truthSizes.get(label) === indexes.length) correct += indexes.length;
  }
  return correct / truth.length;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

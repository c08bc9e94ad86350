/**
 * The rules a cluster label must keep, shared by `PATCH /v1/clusters/{id}` and the review UI: a confirmed
 * cluster needs a category, a base category allows only its own fixes, and a merged cluster is labelled
 * through the cluster it was merged into.
 */
import { BASE_TAXONOMY, findCategory } from '@tapheal/rules';

/** Why a note is refused that Postgres could not store (see isStorableText). */
export const NOTE_UNSTORABLE = 'a note cannot hold a NUL character or half of a UTF-16 surrogate pair';

export interface LabelState {
  status: string;
  category: string | null;
  fix: string | null;
  mergedInto?: string | null;
}

/** Why a label cannot stand, or null. `current` is the cluster before; `next` is what it would become. */
export function labelProblem(next: LabelState, current?: LabelState): string | null {
  if (current?.status === 'merged') return `this cluster was merged into ${current.mergedInto ?? 'another'}: label that one`;
  if (next.status === 'confirmed' && !next.category) return 'a confirmed cluster needs a category';
  const known = next.category ? findCategory(BASE_TAXONOMY, next.category) : undefined;
  if (known && next.fix && !(known.fixes as readonly string[]).includes(next.fix)) {
    return `category ${known.id} allows the fixes ${known.fixes.join(', ')}, not ${next.fix}`;
  }
  return null;
}

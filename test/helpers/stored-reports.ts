/** What the reports table really holds, read straight from the database rather than through the collector. */
import type { Db } from '@tapheal/db';

/** Every stored report id with the number of rows that carry it. */
export async function storedIdCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; n: number | string }>('select id::text as id, count(*) as n from reports group by id');
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

/** The ids of `expected` that are not stored exactly once (missing or repeated), and stored ids that were never sent. */
export async function checkStoredOnce(db: Db, expected: Iterable<string>): Promise<{ notOnce: string[]; unexpected: string[] }> {
  const counts = await storedIdCounts(db);
  const wanted = new Set(expected);
  return {
    notOnce: [...wanted].filter((id) => counts.get(id) !== 1),
    unexpected: [...counts.keys()].filter((id) => !wanted.has(id)),
  };
}

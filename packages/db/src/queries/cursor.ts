/**
 * Opaque page cursors for keyset paging: the sort value and id of the last row of a page, as base64url
 * JSON. A cursor that does not decode is a caller's mistake, reported as null rather than thrown.
 */
export type CursorKey = [value: string | number, id: string];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey | null {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(key) || key.length !== 2) return null;
    const [value, id] = key as unknown[];
    if ((typeof value !== 'string' && typeof value !== 'number') || typeof id !== 'string') return null;
    return [value, id];
  } catch {
    return null;
  }
}

/** Whether this client is new enough for a pack's `minClientVersion` (both `major.minor.patch`). */
export function meetsMinClientVersion(clientVersion: string, minClientVersion: string | undefined): boolean {
  if (minClientVersion === undefined) return true;
  const client = numbersOf(clientVersion);
  const min = numbersOf(minClientVersion);
  for (let i = 0; i < 3; i++) {
    if (client[i]! !== min[i]!) return client[i]! > min[i]!;
  }
  return true;
}

/** The three numbers of a version; a pre-release or build suffix (`1.2.3-beta`) is ignored. */
const numbersOf = (version: string): number[] => {
  const parts = version.split(/[-+]/, 1)[0]!.split('.').map((part) => Number.parseInt(part, 10));
  return [0, 1, 2].map((i) => (Number.isFinite(parts[i]) ? parts[i]! : 0));
};

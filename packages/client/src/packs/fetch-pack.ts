/**
 * The one piece of the pack updater that does HTTP: GET `<endpoint>/v1/packs/latest` with If-None-Match,
 * a deadline for the whole exchange, and a size limit enforced while the body arrives, before anything
 * parses it. It never throws: every outcome is a value.
 */
export const FETCH_TIMEOUT_MS = 10_000;
/** Of an error answer, at most this much is read, for its message. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

export type FetchPackOutcome =
  | { status: 'ok'; body: Buffer; etag: string | null }
  | { status: 'not_modified'; etag: string | null }
  | { status: 'too_large'; detail: string }
  | { status: 'http_error'; httpStatus: number; detail: string }
  | { status: 'unreachable'; timedOut: boolean; detail: string };

export interface FetchPackOptions {
  url: string;
  etag?: string | undefined;
  maxBytes: number;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export async function fetchLatestPack(options: FetchPackOptions): Promise<FetchPackOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.etag) headers['if-none-match'] = options.etag;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(options.url, { headers, signal });
    const etag = response.headers.get('etag');
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not_modified', etag };
    }
    if (response.status !== 200) {
      const text = (await readLimited(response, MAX_ERROR_BODY_BYTES)).body?.toString('utf8') ?? '';
      return { status: 'http_error', httpStatus: response.status, detail: `the collector answered ${response.status}${errorMessageOf(text)}` };
    }
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (length > options.maxBytes) {
      await response.body?.cancel();
      return { status: 'too_large', detail: `pack is ${length} bytes, over the limit of ${options.maxBytes}` };
    }
    const read = await readLimited(response, options.maxBytes);
    if (!read.body) return { status: 'too_large', detail: `pack is over the limit of ${options.maxBytes} bytes (stopped reading)` };
    return { status: 'ok', body: read.body, etag };
  } catch (error) {
    const timedOut = signal.aborted;
    const detail = timedOut ? `no answer within ${timeoutMs} ms` : describeFetchError(error);
    return { status: 'unreachable', timedOut, detail: `cannot reach ${options.url}: ${detail}` };
  }
}

/** The body, or no body when it is longer than `maxBytes` (reading stops there). */
async function readLimited(response: Response, maxBytes: number): Promise<{ body: Buffer | null }> {
  if (!response.body) return { body: Buffer.alloc(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks, size) };
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { body: null };
    }
    chunks.push(value);
  }
}

function errorMessageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? `: ${message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

/** `fetch failed` says nothing; its cause says ECONNREFUSED, ENOTFOUND and the like. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.message === 'string' && cause.message !== '') return cause.message;
  if (cause && typeof cause.code === 'string') return cause.code;
  return (error as Error)?.message ?? String(error);
}

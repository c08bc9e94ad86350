/**
 * The one piece of telemetry that does HTTP: POST a batch to `<endpoint>/v1/reports`, gzipped, with a
 * time limit. It never throws: no answer at all comes back as status null with the reason.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Report } from '@tapheal/rules';

const gzipAsync = promisify(gzip);

export const SEND_TIMEOUT_MS = 10_000;

export interface TransportAnswer {
  status: number | null;
  retryAfter: string | null;
  body: unknown;
  /** Why there was no answer (status null). */
  error?: string;
}

/** Sends one batch; `timeoutMs` bounds this send (the transport's own limit applies when it is shorter). */
export type Transport = (reports: readonly Report[], timeoutMs?: number) => Promise<TransportAnswer>;

export function createHttpTransport(options: { endpoint: string; timeoutMs?: number; fetch?: typeof fetch }): Transport {
  const doFetch = options.fetch ?? globalThis.fetch;
  // Relative to the endpoint, so a collector under a path prefix (https://host/tapheal) is reached there too.
  const url = new URL('v1/reports', options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
  return async (reports, timeoutMs) => {
    try {
      const body = await gzipAsync(Buffer.from(JSON.stringify({ reports }), 'utf8'));
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
        signal: AbortSignal.timeout(Math.max(1, Math.min(timeoutMs ?? Infinity, options.timeoutMs ?? SEND_TIMEOUT_MS))),
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the status says enough
      }
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: parsed };
    } catch (error) {
      return { status: null, retryAfter: null, body: null, error: describeNetworkError(error) };
    }
  };
}

/** fetch's "fetch failed" hides the cause: ECONNREFUSED, a DNS failure, or a time-out. */
function describeNetworkError(error: unknown): string {
  const { name, message, cause } = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  return cause?.code ?? cause?.errors?.find((inner) => inner.code)?.code ?? cause?.message ?? message;
}

/** POST /v1/reports over a real socket, with fetch; the answer is read whole, so callers only compare. */
import type { Report } from '@tapheal/rules';

export interface PostAnswer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

export function postReports(baseUrl: string, reports: readonly Report[]): Promise<PostAnswer> {
  return postBody(baseUrl, JSON.stringify({ reports }));
}

/**
 * Posts any body (a string, or a ReadableStream the caller feeds, to hold a request open half sent).
 * It rejects only when the connection fails.
 */
export async function postBody(baseUrl: string, body: string | ReadableStream<Uint8Array>): Promise<PostAnswer> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
  const response = await fetch(new URL('/v1/reports', baseUrl), init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: parsed };
}

/** An answer, or the code of the connection failure that took its place. */
export type SettledAnswer = PostAnswer | { error: string };

/** Turns a connection failure into a value, so a test can compare it, and no promise is left to reject unhandled. */
export function settle(answer: Promise<PostAnswer>): Promise<SettledAnswer> {
  return answer.catch((error: Error & { cause?: { code?: string } }) => ({ error: error.cause?.code ?? error.message }));
}

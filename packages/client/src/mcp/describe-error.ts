/**
 * Turns whatever a connection attempt threw into the evidence the classifier reads: the message as
 * the SDK or Node wrote it, and a code. Pure.
 */

export interface ErrorEvidence {
  message: string;
  /** A Node error code (`ENOENT`, `ECONNREFUSED`), or an HTTP status as a number. */
  code?: string | number;
}

const MAX_CAUSE_DEPTH = 4;

function ownCode(error: object): string | number | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  // StreamableHTTPError and SseError carry the HTTP status as `code`; -1 and undefined mean "no status".
  if (typeof code === 'number' && code >= 100 && code <= 599) return code;
  return undefined;
}

/**
 * `fetch failed` says nothing by itself: Node keeps the reason in `cause` (`connect ECONNREFUSED
 * 127.0.0.1:8080`), so the message is the chain joined with `: `, and the code the innermost one.
 */
export function describeError(error: unknown): ErrorEvidence {
  if (!(error instanceof Error)) return { message: String(error) };
  const messages = [error.message];
  let code = ownCode(error);
  let current: unknown = error.cause;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    // AggregateError (every address refused, e.g. ::1 and 127.0.0.1) has no message of its own: take the first reason's.
    const inner = current instanceof AggregateError && !current.message ? current.errors.find((reason): reason is Error => reason instanceof Error) : undefined;
    const message = inner?.message ?? current.message;
    if (message && !messages.includes(message)) messages.push(message);
    code = ownCode(current) ?? (inner ? ownCode(inner) : undefined) ?? code;
    current = current.cause;
  }
  if (error.name === 'SyntaxError' && !error.message.startsWith('SyntaxError')) messages[0] = `SyntaxError: ${error.message}`;
  return code === undefined ? { message: messages.join(': ') } : { message: messages.join(': '), code };
}

/**
 * Turns a failed connection attempt into a diagnosis and the line that shows it. Pure.
 *
 * The SDK's own message is often generic (`MCP error -32000: Connection closed`) while the server's
 * stderr holds the cause (`Missing FOO_API_KEY`), so the last lines of stderr are classified too and
 * win when a rule is surer of them. The other errors of the attempt are consequences of the first (a
 * timeout after junk on stdout), so they count only when nothing else is recognised.
 */
import type { Diagnosis, Matcher } from '@tapheal/rules';
import type { ConnectionFailure } from '../mcp/connection-result.js';

/** How many stderr lines, from the end, are read for a cause. */
export const STDERR_LINES_READ = 60;
/** The longest evidence line shown to a person. */
export const MAX_EVIDENCE_CHARS = 300;
/** Below this confidence a diagnosis is a guess: the other errors and the likeliest error line may say more. */
export const WEAK_CONFIDENCE = 0.6;

export interface FailureDiagnosis extends Diagnosis {
  packVersion: number;
  /** The line that best shows what failed: the one the winning rule matched, or the likeliest error line. */
  evidence: string;
}

/** A stderr line that reads like an error: what a person should see when no rule names the cause. */
const ERROR_LINE = /\b(?:[A-Z][A-Za-z]*(?:Error|Exception)|error|fatal|panic|failed|denied|refused|not found|cannot|could not)\b/i;
const STACK_FRAME = /^\s+at\s|^\s*\^+\s*$|^\s*File ".*", line \d+/;

export function diagnoseFailure(failure: Pick<ConnectionFailure, 'message' | 'otherErrors' | 'stderr'>, matcher: Matcher): FailureDiagnosis {
  const stderrLines = failure.stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(-STDERR_LINES_READ);
  let best: Diagnosis = matcher.classify(failure.message);
  let bestLine = failure.message;
  const consider = (line: string) => {
    const diagnosis = matcher.classify(line);
    if (diagnosis.confidence > best.confidence) {
      best = diagnosis;
      bestLine = line;
    }
  };
  // The latest stderr line first: on a tie it is the nearer cause.
  for (const line of stderrLines.toReversed()) consider(line);
  if (best.confidence < WEAK_CONFIDENCE) failure.otherErrors.forEach(consider);
  // A generic message ("Connection closed") is weaker evidence than the server's own last error line.
  if (best.ruleId === null || best.confidence < WEAK_CONFIDENCE) {
    const errorLine = stderrLines.findLast((line) => ERROR_LINE.test(line) && !STACK_FRAME.test(line));
    if (errorLine !== undefined) bestLine = errorLine;
  }
  return { ...best, packVersion: matcher.packVersion, evidence: shorten(bestLine.trim()) };
}

function shorten(line: string): string {
  return line.length <= MAX_EVIDENCE_CHARS ? line : `${line.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
}

/**
 * Turns a cluster's template into a pattern in the language of docs/patterns.md: its most telling line,
 * with the literal words escaped, white space loosened to `\s+`, and every placeholder (`<path>`,
 * `<num>`, the anonymiser's `<user>`, the miner's `<*>`...) opened to `.+`. The client matches raw messages, so what the
 * normaliser replaced must match anything; the pattern is unanchored and stops after enough literal text.
 */
import { fail, ok, type Result } from '@tapheal/rules';
import { MAX_TEMPLATE_CHARS } from '../cluster/template.js';

/** Literal characters after which the pattern stops: enough to be specific, short enough to generalise. */
export const MAX_LITERAL_CHARS = 120;
/** Fewer literal characters than this and a rule would match nearly anything. */
export const MIN_LITERAL_CHARS = 8;

/** A placeholder: the normaliser's and anonymiser's (`<path>`, `<user>`) and the miner's parameter (`<*>`). */
const PLACEHOLDER = /^(?:<[a-z]{2,12}>|<\*>)$/;
const TOKEN = /<[a-z]{2,12}>|<\*>|\s+|[^\s<]+|</g;
const SPECIAL = /[\\^$.|?*+()[\]{}/\-'"]/g;

export interface SynthesisOptions {
  /** Consecutive lines the pattern spans (default 1: the most literal line). */
  lines?: number;
  /** Literal characters after which it stops (default MAX_LITERAL_CHARS). */
  maxLiteral?: number;
}

/**
 * The patterns to try for a template, from the most general to the most specific: the most literal
 * line, then with the lines after it, then longer. The first that matches no other label's messages wins.
 */
export const SYNTHESIS_STEPS: readonly SynthesisOptions[] = [{ lines: 1 }, { lines: 2 }, { lines: 3 }, { lines: 3, maxLiteral: MAX_LITERAL_CHARS * 3 }];

export function synthesisePattern(template: string, options: SynthesisOptions = {}): Result<string, 'too_generic'> {
  const maxLiteral = options.maxLiteral ?? MAX_LITERAL_CHARS;
  // A template cut at its length limit may end inside a placeholder (`... <pa`): that is no literal.
  const whole = template.length >= MAX_TEMPLATE_CHARS ? template.replace(/<[a-z]{0,12}$/, '') : template;
  const line = mostLiteralWindow(whole, options.lines ?? 1);
  const parts: string[] = [];
  let literal = 0;
  for (const [token] of line.matchAll(TOKEN)) {
    if (literal >= maxLiteral) break;
    if (PLACEHOLDER.test(token)) parts.push('.+');
    else if (/^\s+$/.test(token)) parts.push(String.raw`\s+`);
    else {
      // One long word is cut too, so that no pattern outgrows a pack's pattern limit once escaped.
      const piece = token.slice(0, maxLiteral - literal);
      parts.push(piece.replace(SPECIAL, (char) => `\\${char}`));
      literal += piece.length;
    }
  }
  while (parts.length > 0 && (parts[0] === '.+' || parts[0] === String.raw`\s+`)) parts.shift();
  while (parts.length > 0 && (parts.at(-1) === '.+' || parts.at(-1) === String.raw`\s+`)) parts.pop();
  if (literal < MIN_LITERAL_CHARS) {
    return fail('too_generic', `template has ${literal} literal characters, fewer than ${MIN_LITERAL_CHARS}`);
  }
  return ok(collapseWildcards(parts).join(''));
}

function literalLength(line: string): number {
  return line.replace(/<[a-z]{2,12}>|<\*>/g, '').replace(/\s+/g, '').length;
}

/** The most literal line, with the lines after it up to `span` lines (joined by their newlines, read as `\s+`). */
function mostLiteralWindow(template: string, span: number): string {
  const lines = template.split('\n');
  let best = 0;
  for (let i = 1; i < lines.length; i++) if (literalLength(lines[i]!) > literalLength(lines[best]!)) best = i;
  return lines.slice(best, best + Math.max(1, span)).join('\n');
}

/** `.+\s+.+` and `.+.+` say no more than `.+`. */
function collapseWildcards(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const previous = out.at(-1);
    if (part === '.+' && (previous === '.+' || (previous === String.raw`\s+` && out.at(-2) === '.+'))) {
      if (previous === String.raw`\s+`) out.pop();
      continue;
    }
    out.push(part);
  }
  return out;
}

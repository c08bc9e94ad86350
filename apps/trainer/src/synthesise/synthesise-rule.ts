/**
 * Turns a cluster's template into a pattern in the language of docs/patterns.md: its most telling line,
 * with the literal words escaped, white space loosened to `\s+`, and every placeholder (`<path>`,
 * `<num>`, the anonymiser's `<user>`...) opened to `.+`. The client matches raw messages, so what the
 * normaliser replaced must match anything; the pattern is unanchored and stops after enough literal text.
 */
import { fail, ok, type Result } from '@tapheal/rules';
import { MAX_TEMPLATE_CHARS } from '../cluster/template.js';

/** Literal characters after which the pattern stops: enough to be specific, short enough to generalise. */
export const MAX_LITERAL_CHARS = 120;
/** Fewer literal characters than this and a rule would match nearly anything. */
export const MIN_LITERAL_CHARS = 8;

const TOKEN = /<[a-z]{2,12}>|\s+|[^\s<]+|</g;
const SPECIAL = /[\\^$.|?*+()[\]{}/\-'"]/g;

export function synthesisePattern(template: string): Result<string, 'too_generic'> {
  // A template cut at its length limit may end inside a placeholder (`... <pa`): that is no literal.
  const whole = template.length >= MAX_TEMPLATE_CHARS ? template.replace(/<[a-z]{0,12}$/, '') : template;
  const line = mostLiteralLine(whole);
  const parts: string[] = [];
  let literal = 0;
  for (const [token] of line.matchAll(TOKEN)) {
    if (literal >= MAX_LITERAL_CHARS) break;
    if (/^<[a-z]{2,12}>$/.test(token)) parts.push('.+');
    else if (/^\s+$/.test(token)) parts.push(String.raw`\s+`);
    else {
      // One long word is cut too, so that no pattern outgrows a pack's pattern limit once escaped.
      const piece = token.slice(0, MAX_LITERAL_CHARS - literal);
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
  return line.replace(/<[a-z]{2,12}>/g, '').replace(/\s+/g, '').length;
}

function mostLiteralLine(template: string): string {
  let best = '';
  for (const line of template.split('\n')) if (literalLength(line) > literalLength(best)) best = line;
  return best;
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

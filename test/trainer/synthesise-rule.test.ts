import { describe, expect, it } from 'vitest';
import { RuleSchema, anonymiseMessage, compilePatterns } from '@tapheal/rules';
import { MAX_LITERAL_CHARS, MAX_TEMPLATE_CHARS, MIN_LITERAL_CHARS, synthesisePattern, templateOf } from '@tapheal/trainer';

/** The pattern for `template`, failing the test when it is refused. */
function patternOf(template: string): string {
  const result = synthesisePattern(template);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(template)}: ${result.detail}`);
  return result.value;
}

const matches = (pattern: string, messages: readonly string[]): boolean[] => {
  const compiled = compilePatterns([pattern]);
  if (!compiled.ok) throw new Error(`pattern ${pattern} does not compile: ${compiled.detail}`);
  return messages.map((message) => compiled.value.scan(message).includes(0));
};

describe('synthesisePattern', () => {
  it.each([
    ['words with one space', 'spawn npx ENOENT', String.raw`spawn\s+npx\s+ENOENT`],
    ['a placeholder between words', 'spawn <str> ENOENT', String.raw`spawn\s+.+\s+ENOENT`],
    ['a placeholder glued to words', 'timed out after <num>ms waiting', String.raw`timed\s+out\s+after\s+.+ms\s+waiting`],
    ['a dot and parentheses', 'Cannot read config.json (line <num>)', String.raw`Cannot\s+read\s+config\.json\s+\(line\s+.+\)`],
    ['brackets, braces, a bar and a quote', "Bad value [a-z] in {cfg}: can't parse a|b", String.raw`Bad\s+value\s+\[a\-z\]\s+in\s+\{cfg\}:\s+can\'t\s+parse\s+a\|b`],
    ['every special character', 'chars ^$.*+?()[]{}|\\/-\'" end', String.raw`chars\s+\^\$\.\*\+\?\(\)\[\]\{\}\|\\\/\-\'\"\s+end`],
    ['punctuation that is not special', 'npm ERR! 404 #1 @scope, 50% ok; a=b <= c', String.raw`npm\s+ERR!\s+404\s+#1\s+@scope,\s+50%\s+ok;\s+a=b\s+<=\s+c`],
    ['an upper-case bracketed word, which is no placeholder', 'token <REDACTED> was rejected', String.raw`token\s+<REDACTED>\s+was\s+rejected`],
    ["the anonymiser's placeholders", 'login for <user> at <host> failed: <secret>', String.raw`login\s+for\s+.+\s+at\s+.+\s+failed:`],
    ['leading and trailing placeholders', '<path> permission denied <num>', String.raw`permission\s+denied`],
    ['leading and trailing runs of placeholders', '<ts> <path>: <num> Spindle jammed <num> <path>', String.raw`:\s+.+\s+Spindle\s+jammed`],
    ['placeholders in a row', 'failed <num> <num> <num> times over', String.raw`failed\s+.+\s+times\s+over`],
    ['placeholders glued together', 'error<num><hex>code here', String.raw`error.+code\s+here`],
    ['a multi-line template, by its most literal line', 'short\nthe longest literal line here\n<path> mid line', String.raw`the\s+longest\s+literal\s+line\s+here`],
    ['the first of two equally literal lines', 'alpha beta\nbeta alpha', String.raw`alpha\s+beta`],
    ['exactly MIN_LITERAL_CHARS literal characters', 'abcd <num> efgh', String.raw`abcd\s+.+\s+efgh`],
  ])('makes a pattern of %s', (_what, template, pattern) => {
    expect(synthesisePattern(template)).toEqual({ ok: true, value: pattern });
  });

  it('stops after MAX_LITERAL_CHARS literal characters', () => {
    const template = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ');
    const kept = MAX_LITERAL_CHARS / 4;
    expect(patternOf(template)).toBe(Array.from({ length: kept }, (_, i) => `w${String(i).padStart(3, '0')}`).join(String.raw`\s+`));
  });

  it.each([
    ['a short template', 'Error <num>'],
    ['a placeholder only', '<path>'],
    ['nothing', ''],
    ['placeholders and white space', '<num> <str>\n<path>'],
    ['one character short of MIN_LITERAL_CHARS', 'abc <num> efgh'],
    ['short words on many lines', 'a b\nc d\ne f'],
  ])('refuses %s as too generic', (_what, template) => {
    const result = synthesisePattern(template);
    expect(result).toMatchObject({ ok: false, reason: 'too_generic' });
    expect(result.ok || result.detail).toMatch(new RegExp(`fewer than ${MIN_LITERAL_CHARS}`));
  });

  // Raw messages of one failure, as clients send them: the pattern built from their template must
  // match every one of them, before and after anonymising, and nothing else.
  it.each([
    ['numbers and paths', ['Frobnicator spindle jammed after 3 turns in /Users/alice/proj/a.js', 'Frobnicator spindle jammed after 250 turns in C:\\Users\\carol\\c.js']],
    ['quotes and a stack frame', ["Cannot read properties of undefined (reading 'foo') at Object.<anonymous> (/app/x.js:10:5)", "Cannot read properties of undefined (reading 'bar') at Object.<anonymous> (/srv/y.js:200:17)"]],
    ['a stack trace', ['Error: boot failed\n    at start (/app/a.js:1:2)\n    at main (/app/b.js:3:4)', 'Error: boot failed\n    at start (/srv/c.js:10:20)\n    at main (/srv/d.js:30:40)']],
    ['brackets and quoted braces', ["Config [mcpServers.github] invalid: expected '}' at line 3, col 14", "Config [mcpServers.github] invalid: expected ']' at line 12, col 1"]],
    ['Windows paths and an arrow', ['EPERM: operation not permitted, rename C:\\Users\\dave\\AppData\\Local\\npm-cache\\_npx\\1234 -> C:\\Users\\dave\\x', 'EPERM: operation not permitted, rename C:\\Users\\erin\\AppData\\Local\\_npx\\99 -> C:\\Users\\erin\\y']],
    ['log prefixes', ['2025-06-03T07:23:52.664Z [error] [github] Spindle adapter lost sync at 42%', '[14:50:10] [error] Spindle adapter lost sync at 7%']],
    ['tabs and runs of spaces', ['Widget\texploded   badly at /tmp/a.js', 'Widget exploded badly at /var/b.js']],
    ['URLs, statuses and units', ['Request to https://api.example.com/v1/x?token=abc failed with status 503 after 3 retries (took 1.5s)', 'Request to http://localhost:8080/mcp failed with status 503 after 12 retries (took 20s)']],
    ['e-mail and IP addresses and hex ids', ['Spindle "alpha-1" (id 0x7fa823c89600) rejected user alice@example.com from 10.1.2.3', 'Spindle "beta-22" (id 0x1f) rejected user bob@corp.io from 192.168.0.9']],
    ['a template cut at MAX_TEMPLATE_CHARS', [283, 290].map((n) => `Failed to load modules: ${Array.from({ length: n }, (_, i) => `/srv/m${i}.js`).join(' ')}`)],
  ])('makes a pattern that matches the raw messages it came from: %s', (_what, messages) => {
    const templates = messages.map((message) => templateOf(anonymiseMessage(message)));
    expect(new Set(templates).size).toBe(1);
    const pattern = patternOf(templates[0]!);
    expect(matches(pattern, messages)).toEqual(messages.map(() => true));
    expect(matches(pattern, messages.map(anonymiseMessage))).toEqual(messages.map(() => true));
    expect(matches(pattern, ['spawn npx ENOENT', 'Server disconnected', ''])).toEqual([false, false, false]);
  });

  it('compiles every pattern it makes, in one set', () => {
    const templates = ['spawn <str> ENOENT', 'chars ^$.*+?()[]{}|\\/-\'" end', 'x'.repeat(MAX_TEMPLATE_CHARS), '<ts> (?i)(?=a)\\1 [^x] <num>'];
    const compiled = compilePatterns(templates.map(patternOf));
    expect(compiled.ok).toBe(true);
  });

  it.each([
    ['a long run of special characters', `${'-'.repeat(1_500)} failed`],
    ['one long word of dots', '.'.repeat(MAX_TEMPLATE_CHARS)],
    ['one long word', 'x'.repeat(MAX_TEMPLATE_CHARS)],
  ])('makes a pattern a pack rule can hold (at most 2000 characters) of %s', (_what, template) => {
    const pattern = patternOf(template);
    expect(RuleSchema.shape.pattern.safeParse(pattern).success).toBe(true);
    expect(matches(pattern, [template])).toEqual([true]);
  });

  it('never turns a regex construct in a template into an operator', () => {
    const pattern = patternOf('(?i)Spindle (?=a)\\1 [^x]* failed');
    expect(matches(pattern, ['(?i)Spindle (?=a)\\1 [^x]* failed', 'spindle a failed', 'Spindle a\\1 x failed'])).toEqual([true, false, false]);
  });
});

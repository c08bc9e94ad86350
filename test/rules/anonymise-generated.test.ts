import { describe, expect, it } from 'vitest';
import { anonymiseMessage } from '@tapheal/rules';
import { generateSecretCases, SECRET_CONTEXTS, TOKEN_FAMILIES } from '../helpers/generate-secrets.js';
import { createRandom } from '../helpers/random.js';

const CASE_COUNT = 600;
const cases = generateSecretCases(CASE_COUNT, 20251125);

describe('generated anonymiser cases', () => {
  it('are the same on every run for the same seed', () => {
    expect(generateSecretCases(20, 7)).toEqual(generateSecretCases(20, 7));
  });

  it('cover every kind of planted data', () => {
    const kinds = new Set(cases.flatMap((c) => c.mustVanish.map((planted) => planted.kind)));
    expect([...kinds].sort()).toEqual(['email', 'fqdn', 'home_path', 'ip', 'machine', 'secret']);
  });

  it('cover every token family', () => {
    const families = new Set(generateSecretCases(3000, 1).map((c) => c.family));
    expect(Object.keys(TOKEN_FAMILIES).filter((family) => !families.has(`token:${family}`))).toEqual([]);
  });
});

describe('anonymiseMessage on generated cases', () => {
  it.each(cases)('leaves nothing planted in $id ($family)', ({ message, mustVanish }) => {
    const anonymised = anonymiseMessage(message);
    expect(mustVanish.filter((planted) => anonymised.includes(planted.value))).toEqual([]);
  });

  it.each(cases)('keeps the diagnostic words of $id ($family)', ({ message, mustKeep }) => {
    const anonymised = anonymiseMessage(message);
    expect(mustKeep.filter((word) => !anonymised.includes(word))).toEqual([]);
  });

  it('gives the same text when run on its own output, for every generated case', () => {
    const unstable = cases.filter(({ message }) => {
      const once = anonymiseMessage(message);
      return anonymiseMessage(once) !== once;
    });
    expect(unstable.map((c) => c.id)).toEqual([]);
  });
});

describe.each(Object.keys(TOKEN_FAMILIES))('a generated %s token', (family) => {
  it('vanishes in every context a failure message puts it in, and the context stays', () => {
    const r = createRandom(family.length * 7919);
    const failures = SECRET_CONTEXTS.flatMap((context, index) => {
      const token = TOKEN_FAMILIES[family]!(r);
      const { text, keep } = context(token, 'API_KEY');
      const anonymised = anonymiseMessage(text);
      const lost = keep.filter((word) => !anonymised.includes(word));
      return anonymised.includes(token) || lost.length > 0 ? [{ context: index, anonymised, lost }] : [];
    });
    expect(failures).toEqual([]);
  });
});

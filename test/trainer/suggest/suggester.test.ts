import { describe, expect, it } from 'vitest';
import { isSuggesterState, loadSuggester, MAX_ALTERNATIVES, NO_SUGGESTION, trainSuggester, type SuggesterState } from '@tapheal/trainer';
import { readMcpErrors } from '../../helpers/shared-data.js';
import { examplesOf, mcpErrorFolds } from './mcp-errors-folds.js';

const SMALL = [
  { text: 'spawn npx ENOENT', category: 'command_not_found' },
  { text: "'uvx' is not recognized as an internal or external command", category: 'command_not_found' },
  { text: 'MCP error -32001: Request timed out', category: 'timeout' },
  { text: 'Request timed out after 30000ms waiting for initialize', category: 'timeout' },
  { text: 'listen EADDRINUSE: address already in use :::3000', category: 'port_in_use' },
];

const LINE = 'Error: spawn npx ENOENT at /Users/someone/project/index.js:12:3 exit code 127 MCP error -32000 ';
const LONG_TEXT = LINE.repeat(1100);

describe('trainSuggester', () => {
  it('suggests the category whose examples a text is like, with runners-up', () => {
    const suggestion = trainSuggester(SMALL).suggest('spawn uvx ENOENT');
    expect(suggestion.category).toBe('command_not_found');
    expect(suggestion.confidence).toBeGreaterThan(0.5);
    expect(suggestion.looksNew).toBe(false);
    expect(suggestion.alternatives.map((alternative) => alternative.category).sort()).toEqual(['port_in_use', 'timeout']);
    const total = suggestion.confidence + suggestion.alternatives.reduce((sum, alternative) => sum + alternative.confidence, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('lists at most MAX_ALTERNATIVES runners-up, best first', () => {
    const { train } = mcpErrorFolds()[0]!;
    const { alternatives } = trainSuggester(examplesOf(train)).suggest('MCP error -32000: Connection closed');
    expect(alternatives).toHaveLength(MAX_ALTERNATIVES);
    const confidences = alternatives.map((alternative) => alternative.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('says a text unlike every example looks new', () => {
    expect(trainSuggester(SMALL).suggest('SyntaxError: Unexpected token in JSON at position 4').looksNew).toBe(true);
  });

  it('builds the same state from the same examples', () => {
    const examples = examplesOf(readMcpErrors());
    expect(JSON.stringify(trainSuggester(examples))).toBe(JSON.stringify(trainSuggester(examples)));
  });

  it('answers exactly the same after a trip through JSON', () => {
    const { train, dev } = mcpErrorFolds()[1]!;
    const trained = trainSuggester(examplesOf(train));
    const loaded = loadSuggester(JSON.parse(JSON.stringify(trained)) as unknown);
    for (const message of [...dev, ...train]) expect(loaded.suggest(message.message)).toEqual(trained.suggest(message.message));
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(trained));
    expect(loaded.categories()).toEqual(trained.categories());
  });

  it('counts an example of weight 2 as that example twice', () => {
    const [first, ...rest] = SMALL;
    const weighted = trainSuggester([{ ...first!, weight: 2 }, ...rest]);
    const repeated = trainSuggester([first!, first!, ...rest]);
    expect(weighted.toJSON().categories).toEqual(repeated.toJSON().categories);
    expect(weighted.toJSON().totalExamples).toBe(repeated.toJSON().totalExamples);
  });

  it('leaves out examples whose weight is not a positive number', () => {
    const suggester = trainSuggester([...SMALL, { text: 'certificate has expired', category: 'network_error', weight: 0 }, { text: 'x y', category: 'other', weight: Number.NaN }]);
    expect(suggester.categories()).toEqual(['command_not_found', 'timeout', 'port_in_use']);
  });

  it('keeps category ids that are names of object properties apart', () => {
    const suggester = trainSuggester([
      { text: 'TypeError: x is not a constructor', category: 'constructor' },
      { text: 'cannot read __proto__ of undefined', category: '__proto__' },
    ]);
    expect(suggester.categories()).toEqual(['constructor', '__proto__']);
    expect(suggester.suggest('y is not a constructor').category).toBe('constructor');
    expect(isSuggesterState(JSON.parse(JSON.stringify(suggester)))).toBe(true);
  });
});

/** About 100 KB of distinct made-up words: the most words a text can bring. */
const WORDY_TEXT = Array.from({ length: 17_000 }, (_, index) => `w${index.toString(36)}x`).join(' ');

describe('degenerate input', () => {
  it('answers with no category, confidence 0, looking new, when trained on nothing', () => {
    for (const suggester of [trainSuggester([]), trainSuggester([{ text: '', category: 'timeout' }, { text: '  ', category: 'auth_failed' }])]) {
      expect(suggester.suggest('spawn npx ENOENT')).toEqual({ category: NO_SUGGESTION, confidence: 0, looksNew: true, alternatives: [] });
      expect(suggester.suggest('')).toEqual({ category: NO_SUGGESTION, confidence: 0, looksNew: true, alternatives: [] });
    }
  });

  it('names the one category it knows with confidence 0, and still tells like from unlike', () => {
    const suggester = trainSuggester(SMALL.filter((example) => example.category === 'timeout'));
    expect(suggester.suggest('MCP error -32001: Request timed out')).toEqual({ category: 'timeout', confidence: 0, looksNew: false, alternatives: [] });
    expect(suggester.suggest('listen EADDRINUSE: address already in use')).toEqual({ category: 'timeout', confidence: 0, looksNew: true, alternatives: [] });
  });

  it('knows a text like the one example it was trained on', () => {
    const suggester = trainSuggester([{ text: 'spawn npx ENOENT', category: 'command_not_found' }]);
    expect(suggester.suggest('spawn npx ENOENT')).toEqual({ category: 'command_not_found', confidence: 0, looksNew: false, alternatives: [] });
    expect(suggester.suggest('MCP error -32001: Request timed out').looksNew).toBe(true);
  });

  it('answers an empty text, or one of unknown words only, with confidence 0, looking new', () => {
    const suggester = trainSuggester(SMALL);
    for (const text of ['', '   \n ', 'zzz qqq', '!!!']) {
      const suggestion = suggester.suggest(text);
      expect(suggestion).toMatchObject({ confidence: 0, looksNew: true, alternatives: [] });
      expect(SMALL.map((example) => example.category)).toContain(suggestion.category);
    }
  });

  it('suggests for a 100 KB text quickly', () => {
    const suggester = trainSuggester(examplesOf(readMcpErrors()));
    const started = performance.now();
    const suggestion = suggester.suggest(LONG_TEXT);
    expect(performance.now() - started).toBeLessThan(500);
    expect(LONG_TEXT.length).toBeGreaterThan(100_000);
    expect(suggestion).toEqual(suggester.suggest(LINE));
  });

  it('trains on 100 KB texts quickly', () => {
    const started = performance.now();
    const suggester = trainSuggester([
      { text: LONG_TEXT, category: 'command_not_found' },
      { text: LONG_TEXT.replaceAll('ENOENT', 'EACCES'), category: 'permission_denied' },
      ...SMALL,
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(suggester.suggest('spawn npx EACCES').category).toBe('permission_denied');
  });

  it('trains on and suggests for 100 KB texts of distinct words quickly', () => {
    const started = performance.now();
    const suggester = trainSuggester([...SMALL, { text: WORDY_TEXT, category: 'unknown' }, { text: WORDY_TEXT.replaceAll('x', 'y'), category: 'unknown' }]);
    const suggestion = suggester.suggest(WORDY_TEXT.replaceAll('x', 'z'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(WORDY_TEXT.length).toBeGreaterThan(100_000);
    expect(suggestion.looksNew).toBe(true);
  });
});

describe('loadSuggester', () => {
  const state = (): SuggesterState => trainSuggester(SMALL).toJSON();

  it.each<[string, (value: SuggesterState) => unknown]>([
    ['null', () => null],
    ['a string', () => 'model'],
    ['another version', (value) => ({ ...value, version: 2 })],
    ['another normaliser', (value) => ({ ...value, normaliserVersion: value.normaliserVersion + 1 })],
    ['a vocabulary index out of range', (value) => ({ ...value, categories: [{ id: 'x', total: 2, features: { [value.vocabulary.length]: 1.1 } }] })],
    ['a repeated category', (value) => ({ ...value, categories: [value.categories[0], value.categories[0]] })],
    ['a count that is not a number', (value) => ({ ...value, categories: [{ ...value.categories[0], total: 'many' }] })],
  ])('refuses %s with a TypeError', (_name, mutate) => {
    const value = mutate(state());
    expect(isSuggesterState(value)).toBe(false);
    expect(() => loadSuggester(value)).toThrow(TypeError);
  });

  it('does not share state with the caller', () => {
    const stored = state();
    const loaded = loadSuggester(stored);
    stored.categories.length = 0;
    loaded.toJSON().categories.length = 0;
    expect(loaded.categories()).toEqual(['command_not_found', 'timeout', 'port_in_use']);
  });
});

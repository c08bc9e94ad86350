/**
 * A template's shape: its length and where its delimiters are. Words and parameters read as `.`, so a
 * position that turns from word into parameter keeps the shape. Messages are only ever compared with
 * templates of their own shape (the first level of the miner's tree).
 */
const DELIMITER_TOKENS = new Set([...'=:,;()[]{}"\'|<>', '\n']);

export const isDelimiterToken = (token: string): boolean => token.length === 1 && DELIMITER_TOKENS.has(token);

export function shapeOf(tokens: readonly string[]): string {
  let shape = '';
  for (const token of tokens) shape += isDelimiterToken(token) ? token : '.';
  return shape;
}

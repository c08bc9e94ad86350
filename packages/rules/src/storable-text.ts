/**
 * Text a database can keep as sent. Postgres cannot store NUL in text, and its jsonb refuses a lone
 * surrogate (half of a UTF-16 pair, as a string cut mid-character leaves). Failure text may hold either
 * (a crashed server's binary output, a truncated line), so report fields are made storable, each such code
 * unit replaced by U+FFFD as a UTF-8 decoder shows it; text people type (a note) is refused instead.
 */
/** Half of a UTF-16 surrogate pair without its other half. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const REPLACEMENT_CHARACTER = '\ufffd';

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The text with every NUL and lone surrogate replaced by U+FFFD; unchanged (the same string) when it has none. */
export const toStorableText = (text: string): string => (isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER));

/**
 * The placeholders the anonymiser writes in place of what it removes. They are bracketed words, so no
 * detector ever matches one again: `<` and `>` end every token, path segment, host label and value the
 * detectors look for. That is what makes anonymising twice the same as anonymising once.
 */
export const PLACEHOLDER = Object.freeze({
  secret: '<secret>',
  user: '<user>',
  email: '<email>',
  ip: '<ip>',
  host: '<host>',
  machine: '<machine>',
});

/** A value that is already a placeholder, ours or one a person typed (`<REDACTED>`, `<token>`). */
export const isPlaceholder = (value: string): boolean => /^<[^<>\s]{1,40}>$/.test(value);

/**
 * The user name inside a home path, on every platform and in every spelling a log gives it:
 * `/Users/alice`, `/home/bob`, `C:\Users\maría`, `C:\\Users\\Stefan Polenz` (escaped in JSON),
 * `C:/Users/x`, `file:///C:/Users/x`, `%2FUsers%2Fx`. Only the name becomes `<user>`; the rest of the path
 * (`AppData\Local\npm-cache\_npx\…`) diagnoses and stays. `/root` has no user segment and stays as it is.
 */
import { PLACEHOLDER } from './placeholders.js';

const SEP = String.raw`(?:\\{1,4}|\/|%2[Ff]|%5[Cc])`;
const ROOT = String.raw`(?:[Uu]sers|USERS|home|Documents and Settings)`;
/** A character of a user name: anything but a path or quoting delimiter. Accents are fine. */
const CHAR = String.raw`[^\s\\/"'’\u0060<>:|?*%,;=()\[\]{}]`;
/** One word of a name, apostrophes inside allowed: `maría`, `O'Brien`, `d'Artagnan`. */
const WORD = String.raw`${CHAR}{1,64}(?:['’]${CHAR}{1,64}){0,2}`;
const UPPER_START = String.raw`(?:[A-Z\u00c0-\u00de]|[^\u0000-\u024f\s])`;
const PARTICLES = String.raw`(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|al|el|ter|ten)`;
/**
 * A name with spaces (`Stefan Polenz`, `van der Berg`) is taken whole when the path goes on after it,
 * when a quote closes the path, or when each further word is capitalised (`José Okafor`) and the name
 * ends the path; otherwise only its first word is (`/Users/alice is missing` keeps `is missing`).
 */
const NAME = [
  String.raw`${WORD}(?:(?: |%20)${WORD}){1,4}(?=${SEP})`,
  String.raw`${WORD}(?: ${WORD}){1,4}(?=\\?["'\u0060])`,
  String.raw`${WORD}(?: (?:${PARTICLES} ){0,2}${UPPER_START}${WORD}){1,3}(?=[\s,;)\]}]|$)`,
  WORD,
].join('|');

const HOME_PATH = new RegExp(String.raw`(${SEP}${ROOT}${SEP})(${NAME})`, 'g');

/** Folders under `Users` that belong to no one. */
const SHARED_FOLDERS = new Set(['shared', 'public', 'default', 'all users', 'default user', 'defaultapppool']);

export function maskHomePaths(text: string): string {
  return text.replace(HOME_PATH, (all, root: string, name: string) => {
    const trimmed = name.replace(/\.+$/, '');
    if (trimmed === '' || SHARED_FOLDERS.has(trimmed.toLowerCase())) return all;
    return `${root}${PLACEHOLDER.user}${name.slice(trimmed.length)}`;
  });
}

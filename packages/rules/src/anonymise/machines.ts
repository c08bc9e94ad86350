/**
 * Machine names: Windows' generated ones (`DESKTOP-7QK2M1F`, `LAPTOP-AB12CD3`, `WIN-…`), a Mac's
 * (`alices-MacBook-Pro`, `Alice's MacBook Pro`) and cloud hosts named after their address (`ip-10-0-3-17`).
 * A Windows account written after its machine (`DESKTOP-7QK2M1F\alice`) loses its user name too.
 */
import { PLACEHOLDER } from './placeholders.js';

const WINDOWS_MACHINE =
  /(?<![\w-])(?:DESKTOP|LAPTOP|WIN|MININT|EC2AMAZ|WORKSTATION)-[A-Z0-9]{5,15}(?![\w-])(\\{1,2}[^\s\\/"'<>:|?*]{1,64}(?![^\s"'<>:|?*]))?/g;
const MAC_MODEL = /-?(?:MacBook(?:-?(?:Pro|Air))?|MBP|MBA|iMac(?:-?Pro)?|Mac-?mini|Mac-?Studio|Mac-?Pro)(?:-\d{1,3})?(?![\w-])/gi;
const SPOKEN_MAC = /(?<!\w)[A-Z][\w]{0,30}['’]s (?:MacBook(?: Pro| Air)?|iMac|Mac mini|Mac Studio|Mac Pro)\b/g;
/** A one-label host named after its address: `ip-10-0-3-17`, `ec2-54-1-2-3`, `calvisitor-10-105-160-95`. */
const ADDRESS_HOST = /(?<![\w-])[A-Za-z][A-Za-z0-9]{0,30}(?:-[A-Za-z][A-Za-z0-9]{0,30}){0,3}-(?:\d{1,3}-){3}\d{1,3}(?![\w-])/g;
const NAME_CHAR = /[A-Za-z0-9'’_-]/;

/** `alices-MacBook-Pro`, `authorMacBook-Pro`: find the model, then walk back over the owner's part of the name. */
function maskMacModels(text: string): string {
  let out = '';
  let last = 0;
  MAC_MODEL.lastIndex = 0;
  for (let match = MAC_MODEL.exec(text); match !== null; match = MAC_MODEL.exec(text)) {
    let start = match.index;
    while (start > last && NAME_CHAR.test(text[start - 1]!)) start--;
    if (start === match.index) continue;
    out += text.slice(last, start) + PLACEHOLDER.machine;
    last = match.index + match[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** `DESKTOP-7QK2M1F` → `<machine>`; `DESKTOP-7QK2M1F\alice.` → `<machine>\<user>.` (the full stop stays). */
function maskWindowsMachine(_all: string, account: string | undefined): string {
  if (account === undefined) return PLACEHOLDER.machine;
  const separator = account.startsWith('\\\\') ? '\\\\' : '\\';
  return `${PLACEHOLDER.machine}${separator}${PLACEHOLDER.user}${/\.*$/.exec(account)?.[0] ?? ''}`;
}

/** Cheap tests that say whether a detector above can match at all. */
const WINDOWS_HINT = /(?:DESKTOP|LAPTOP|WIN|MININT|EC2AMAZ|WORKSTATION)-/;
const MAC_HINT = /mac|mb[pa]/i;
const ADDRESS_HINT = /\d-\d{1,3}-\d{1,3}-\d/;

export function maskMachines(text: string): string {
  let masked = text;
  if (WINDOWS_HINT.test(masked)) masked = masked.replace(WINDOWS_MACHINE, maskWindowsMachine);
  if (MAC_HINT.test(masked)) masked = maskMacModels(masked).replace(SPOKEN_MAC, PLACEHOLDER.machine);
  return ADDRESS_HINT.test(masked) ? masked.replace(ADDRESS_HOST, PLACEHOLDER.host) : masked;
}

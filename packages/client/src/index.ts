/** @tapheal/client: what runs on a user's machine. */
export { BUILTIN_PACK, BUILTIN_PACK_VERSION, BUILTIN_RULES, type BuiltinRule } from '@tapheal/rules';
export {
  loadActivePack,
  readPackFile,
  readTrustedKeys,
  PackRefusedError,
  type ActivePack,
  type PackSource,
  type ReadPackOptions,
} from './packs/read-pack.js';
export { classifyLines } from './commands/classify.js';
export { anonymiseLines } from './commands/anonymise.js';
export { mapJsonLines, type JsonLinesSummary } from './json-lines.js';
export { TaphealError, CLIENT_ERROR_CODES, type ClientErrorCode } from './errors.js';
export { CLIENT_VERSION } from './version.js';

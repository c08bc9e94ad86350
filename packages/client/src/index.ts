/** @tapheal/client: what runs on a user's machine. */
export { BUILTIN_PACK, BUILTIN_PACK_VERSION } from './packs/builtin-pack.js';
export { BUILTIN_RULES, type BuiltinRule } from './packs/builtin-rules.js';
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

/** @tapheal/rules: the pure core shared by the client, the collector and the trainer. */
export { ok, fail, type Result } from './result.js';
export {
  BASE_CATEGORY_IDS,
  BASE_TAXONOMY,
  FIX_DESCRIPTIONS,
  FIX_KINDS,
  findCategory,
  type BaseCategoryId,
  type Category,
  type FixKind,
} from './taxonomy.js';
export { anonymiseMessage } from './anonymise.js';
export { isStorableText, toStorableText, REPLACEMENT_CHARACTER } from './storable-text.js';
export { normaliseMessage, NORMALISER_VERSION } from './normalise.js';
export { canonicalJson, CanonicalJsonError } from './canonical-json.js';
export {
  CategorySchema,
  EnvelopeSchema,
  FixKindSchema,
  MAX_PACK_KEYS,
  MAX_RULES,
  PACK_FORMAT,
  PackKeySchema,
  PackSchema,
  RuleSchema,
  SignatureSchema,
  parseEnvelope,
  parsePack,
  type Pack,
  type PackCategory,
  type PackEnvelope,
  type PackKey,
  type Rule,
  type Signature,
} from './pack-schema.js';
export { keyIdOf, publicKeyFromPem, publicKeyPem, signingKeyFromPem, type PublicKey, type SigningKey } from './keys.js';
export { signPack, signedBytes } from './sign-pack.js';
export {
  DEFAULT_MAX_PACK_BYTES,
  PACK_REFUSALS,
  verifyPack,
  type PackRefusal,
  type VerifiedPack,
  type VerifyPackOptions,
} from './verify-pack.js';
export { compileMatcher, NO_MATCH, type Diagnosis, type Matcher } from './matcher.js';
export { compilePatterns, checkPattern, type PatternError, type PatternSet } from './pattern/pattern-set.js';
export { scoreClassifications, type CategoryScore, type Scores } from './score.js';
export {
  HEAL_OUTCOMES,
  HealAttemptSchema,
  MAX_BATCH_REPORTS,
  MAX_MESSAGE_BYTES,
  REPORT_SCHEMA_VERSION,
  ReportBatchSchema,
  ReportSchema,
  utf8Length,
  type HealAttempt,
  type Report,
  type ReportBatch,
} from './report-schema.js';
export { BUILTIN_PACK, BUILTIN_PACK_VERSION } from './builtin/builtin-pack.js';
export { BUILTIN_RULES, type BuiltinRule } from './builtin/builtin-rules.js';

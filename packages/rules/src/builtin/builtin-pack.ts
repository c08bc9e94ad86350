/**
 * The built-in baseline pack: hand-written rules for the failure kinds everyone knows. It ships inside the
 * client as code (it lives here, in the shared core, so the collector can publish the same rules as
 * signed version 1 without importing the client), so it needs no signature on the client.
 */
import { PACK_FORMAT, type Pack } from '../pack-schema.js';
import { BASE_TAXONOMY } from '../taxonomy.js';
import { BUILTIN_RULES } from './builtin-rules.js';

export const BUILTIN_PACK_VERSION = 1;

export const BUILTIN_PACK: Pack = Object.freeze({
  format: PACK_FORMAT,
  version: BUILTIN_PACK_VERSION,
  createdAt: '2026-11-25T00:00:00.000Z',
  // The built-in pack is code: it does not expire on the client. The collector sets its own expiry
  // when it publishes these rules.
  expiresAt: '2099-12-31T00:00:00.000Z',
  categories: BASE_TAXONOMY.map((category) => ({ ...category, fixes: [...category.fixes] })),
  rules: BUILTIN_RULES.map((rule) => ({ ...rule, support: { reports: 0, installs: 0 } })),
});

import type { BuiltinRule } from './rule.js';

/** The endpoint rejected the credentials (labelling rule 4: HTTP 401/403 counts even for a missing header). */
export const AUTH_FAILED_RULES: readonly BuiltinRule[] = [
  {
    id: 'auth_failed.http_401',
    category: 'auth_failed',
    // A status needs context: a bare \b401\b also matches the milliseconds of a timestamp.
    pattern: String.raw`(?i)\b401 (?:unauthori[sz]ed|authorization required)|\bE401\b|\b(?:HTTP|status(?: code)?|code|Error|Non-200 status code)\W{0,3}401\b|"status(?:Code)?"\s*:\s*401\b|\(401\)|https?://\S+:? 401\b`,
    confidence: 0.9,
    fix: 'set_env_from_user',
    description: 'An HTTP 401 from the endpoint in any client wording (`HTTP 401`, `status code 401`, `"status":401`, `(401)`).',
  },
  {
    id: 'auth_failed.http_403',
    category: 'auth_failed',
    pattern: String.raw`(?i)\b403 forbidden|\b(?:HTTP|status(?: code)?|code|Error|Non-200 status code)\W{0,3}403\b|"status(?:Code)?"\s*:\s*403\b|\(403\)|https?://\S+:? 403\b|Resource not accessible by`,
    confidence: 0.88,
    fix: 'set_env_from_user',
    description: 'An HTTP 403 from the endpoint: the token lacks access or scope.',
  },
  {
    id: 'auth_failed.unauthorized',
    category: 'auth_failed',
    pattern: String.raw`(?i)\bunauthori[sz]ed\b|\bnot authori[sz]ed\b|\bunauthenticated\b|\bforbidden\b`,
    confidence: 0.86,
    fix: 'set_env_from_user',
    description: '`Unauthorized`, `Unauthenticated`, `Forbidden` prose and error codes.',
  },
  {
    id: 'auth_failed.bad_credentials',
    category: 'auth_failed',
    pattern: String.raw`(?i)\b(?:invalid|incorrect|bad|expired|revoked|wrong|malformed)\W+(?:or (?:missing|expired|invalid|revoked) )?(?:api[ _-]?keys?|access[ _-]?tokens?|auth(?:entication)?[ _-]?tokens?|bearer tokens?|tokens?|credentials?|password|PAT|x-api-key)\b|\b(?:api[ _-]?key|token|credentials?)\b[^\n"'\x60]{0,40}\b(?:is|are|was|has been|seems to be|appears to be) (?:invalid|expired|revoked|incorrect|not valid)\b|\b(?:api[ _-]?key|token)\W+(?:not valid|invalid|expired)\b|Bad credentials|\binvalid_auth\b|\bnot_authed\b`,
    confidence: 0.9,
    fix: 'set_env_from_user',
    description: 'The server rejecting the key or token itself: `Invalid API key`, `token is expired`, `Bad credentials`.',
  },
  {
    id: 'auth_failed.oauth',
    category: 'auth_failed',
    pattern: String.raw`(?i)\binvalid[_ ](?:client|grant|token|scope)\b|\bunauthorized_client\b|\baccess_denied\b|redirect_uri[^\n]{0,40}(?:mismatch|invalid|not (?:registered|allowed))|\bInvalidClientError\b|\bInvalidGrantError\b|token (?:refresh|exchange) failed`,
    confidence: 0.9,
    fix: 'report_only',
    description: 'OAuth client errors: invalid_client, invalid_grant, redirect_uri mismatch, failed token exchange.',
  },
  {
    id: 'auth_failed.auth_prose',
    category: 'auth_failed',
    pattern: String.raw`(?i)authenticat\w* (?:failed|failure|error)|\b(?:authentication|authori[sz]ation) with [^\n]{0,40}\bfailed\b|\bauth(?:orization)? failed|\bauthorization header\b|access denied for user|password authentication failed|login failed|not logged in|authentication required|requires authentication|could not read Username for|Permission denied \(publickey`,
    confidence: 0.88,
    fix: 'set_env_from_user',
    description: '`Authentication failed`, `missing Authorization header`, git `Permission denied (publickey)`, database `access denied for user`.',
  },
];

import type { BuiltinRule } from './rule.js';

/** A required variable or config value is unset, or never reached the server process. */
export const MISSING_ENV_VAR_RULES: readonly BuiltinRule[] = [
  {
    id: 'missing_env_var.env_var_unset',
    category: 'missing_env_var',
    pattern: String.raw`(?i)\benv(?:ironment)?[ _-]?var(?:iable)?s?\b[^\n]{0,80}\b(?:is |are |was |were )?(?:not set|unset|missing|required|not defined|not provided|not found|undefined|empty)\b`,
    confidence: 0.9,
    fix: 'set_env_from_user',
    description: '`environment variable X is required`, `env var X not set`.',
  },
  {
    id: 'missing_env_var.missing_env_vars',
    category: 'missing_env_var',
    pattern: String.raw`(?i)\b(?:missing|required|please set|you must set|set the|no)\b[^\n]{0,40}\benv(?:ironment)?[ _-]?var`,
    confidence: 0.9,
    fix: 'set_env_from_user',
    description: '`Missing environment variables: X`, `Please set the X environment variable`.',
  },
  {
    id: 'missing_env_var.named_var_unset',
    category: 'missing_env_var',
    // Case-sensitive on purpose: the variable must look like one (UPPER_SNAKE).
    pattern: String.raw`\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b['"\x60]?:? (?:is |was |are )?(?:not set|not defined|not provided|not configured|is required|required|missing|undefined|empty|must be (?:set|provided|defined|specified)|not found in (?:the )?environment)\b`,
    confidence: 0.86,
    fix: 'set_env_from_user',
    description: 'An UPPER_SNAKE variable name followed by `is not set`, `is required`, `must be provided`.',
  },
  {
    id: 'missing_env_var.python_environ_keyerror',
    category: 'missing_env_var',
    pattern: String.raw`KeyError: '[A-Z][A-Z0-9]*_[A-Z0-9_]+'|os\.environ\[`,
    confidence: 0.86,
    fix: 'set_env_from_user',
    description: "Python reading an unset variable with `os.environ['X']`: `KeyError: 'X_API_KEY'`.",
  },
  {
    id: 'missing_env_var.key_not_configured',
    category: 'missing_env_var',
    pattern: String.raw`(?i)\b(?:api[ _-]?key|token|secret|credentials?)\b[^\n]{0,20}\b(?:is )?(?:not (?:set|provided|configured|found)|is required|must be (?:set|provided))\b|\b(?:no|missing) (?:api[ _-]?key|token|credentials)\b`,
    confidence: 0.82,
    fix: 'set_env_from_user',
    description: 'A key or token the server needs was never configured: `API key is required`, `No API key provided`.',
  },
  {
    id: 'missing_env_var.required_property',
    category: 'missing_env_var',
    pattern: String.raw`(?i)must have required property|\bmissingProperty\b|missing required (?:config(?:uration)? )?(?:property|field|setting|parameter|value)`,
    confidence: 0.86,
    fix: 'set_env_from_user',
    description: 'A schema-checked server config missing a required value (Smithery and DXT user config).',
  },
  {
    id: 'missing_env_var.settings_field_required',
    category: 'missing_env_var',
    pattern: String.raw`validation errors? for \w*(?:Settings|Config)\b[\s\S]{0,200}Field required`,
    confidence: 0.86,
    fix: 'set_env_from_user',
    description: "pydantic-settings refusing to start because an env-backed field is unset: `validation error for Settings ... Field required`.",
  },
  {
    id: 'missing_env_var.unexpanded_placeholder',
    category: 'missing_env_var',
    pattern: String.raw`['"]\$\{[\w.:-]+\}['"]`,
    confidence: 0.8,
    fix: 'set_env_from_user',
    description: 'A `${VAR}` or `${user_config.x}` placeholder that reached the server unexpanded, quoted inside an error.',
  },
];

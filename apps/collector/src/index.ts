/** @tapheal/collector as a library: build the app around a config, a database and its secrets. */
export { buildApp, MAX_BODY_BYTES, type BuildAppOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './env.js';
export { loadSecrets, SecretsError, ADMIN_TOKEN_FILE, SIGNING_KEY_FILE, type Secrets } from './services/secrets.js';

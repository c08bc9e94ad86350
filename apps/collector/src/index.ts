/** @tapheal/collector as a library: build the app around a config and a database. */
export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './env.js';

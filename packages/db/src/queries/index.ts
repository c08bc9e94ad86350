export * from './cursor.js';
export * from './reports.js';
export * from './clusters.js';
export * from './packs.js';
export * from './trainer-runs.js';
export * from './clustering.js';

export * from './reports.js';
export * from './trainer-runs.js';
export * from './clusters.js';
export * from './packs.js';
export * from './pack-candidates.js';
export * from './trainer-run-changes.js';
export * from './trainer-state.js';

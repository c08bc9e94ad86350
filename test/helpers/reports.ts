/** Valid reports for tests, with generated ids; override any field. */
import { randomUUID } from 'node:crypto';
import type { Report } from '@tapheal/rules';

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    id: randomUUID(),
    schema: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    installId: 'install-0001',
    client: { name: 'tapheal', version: '0.1.0' },
    platform: { os: 'darwin', arch: 'arm64', runtime: 'node', runtimeVersion: '20.19.0' },
    server: { name: '@modelcontextprotocol/server-filesystem', transport: 'stdio' },
    phase: 'connect',
    error: { message: 'spawn npx ENOENT', code: 'ENOENT' },
    ...overrides,
  };
}

export const makeReports = (count: number, overrides: Partial<Report> = {}): Report[] =>
  Array.from({ length: count }, () => makeReport(overrides));

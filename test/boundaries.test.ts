/**
 * The import rules of STYLE.md section 2, checked on every src file: which package may import whom,
 * and that packages reach each other only through their entry points.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/shared-data.js';

interface Boundary {
  dir: string;
  mayImport: string[];
  /** Node built-ins it may use; all of them when absent. */
  nodeModules?: string[];
  /** Source text it must not contain. */
  forbidden: RegExp[];
}

const PACKAGES: Record<string, Boundary> = {
  rules: { dir: 'packages/rules/src', mayImport: ['zod'], nodeModules: ['node:crypto'], forbidden: [/process\.env/, /Date\.now\(\)/, /Math\.random\(\)/] },
  client: { dir: 'packages/client/src', mayImport: ['@tapheal/rules', 'tsx', '@modelcontextprotocol/sdk'], forbidden: [] },
  db: { dir: 'packages/db/src', mayImport: ['@tapheal/rules', '@electric-sql/pglite', 'pg', 'drizzle-orm'], forbidden: [] },
  trainer: { dir: 'apps/trainer/src', mayImport: ['@tapheal/rules', '@tapheal/db', 'natural', 'pino'], forbidden: [] },
  collector: { dir: 'apps/collector/src', mayImport: ['@tapheal/rules', '@tapheal/db', '@tapheal/trainer', 'fastify', 'zod', '@fastify/', 'fastify-type-provider-zod', 'pino', 'drizzle-orm', 'prom-client'], forbidden: [] },
};

function sourceFiles(dir: string): string[] {
  const root = join(REPO_ROOT, dir);
  const walk = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : path.endsWith('.ts') ? [path] : [];
  try {
    return walk(root);
  } catch {
    return [];
  }
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

describe('package boundaries', () => {
  for (const [name, rule] of Object.entries(PACKAGES)) {
    it(`${name} imports only what it may`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(rule.dir)) {
        const source = readFileSync(file, 'utf8');
        const where = relative(REPO_ROOT, file);
        for (const specifier of importsOf(source)) {
          if (specifier.startsWith('.')) {
            const target = relative(join(REPO_ROOT, rule.dir), resolve(dirname(file), specifier));
            if (target.startsWith('..')) violations.push(`${where}: reaches outside its package: ${specifier}`);
            continue;
          }
          if (specifier.startsWith('node:')) {
            if (rule.nodeModules && !rule.nodeModules.includes(specifier)) violations.push(`${where}: may not use ${specifier}`);
            continue;
          }
          if (!rule.mayImport.some((allowed) => specifier === allowed || specifier.startsWith(allowed.endsWith('/') ? allowed : `${allowed}/`))) {
            violations.push(`${where}: may not import ${specifier}`);
          }
        }
        const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
        for (const pattern of rule.forbidden) {
          if (pattern.test(code)) violations.push(`${where}: uses ${pattern}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('finds the source files it checks', () => {
    expect(sourceFiles(PACKAGES.rules!.dir).length).toBeGreaterThan(5);
    expect(sourceFiles(PACKAGES.client!.dir).length).toBeGreaterThan(3);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/helpers/shared-data.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/data`, the read-only reference data that stands beside every clone, CI's included. */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');

export function sharedDataPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** Reads a JSON Lines file into objects, skipping blank lines. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface LabelledMessage {
  id: string;
  message: string;
  category: string;
  source: string;
  note: string;
}

export interface SecretCase {
  id: string;
  message: string;
  mustVanish: { kind: string; value: string }[];
  mustKeep: string[];
}

export const readMcpErrors = (): LabelledMessage[] =>
  readJsonLines<LabelledMessage>(sharedDataPath('mcp-errors', 'mcp-errors-dev.jsonl'));

export const readSecretCases = (): SecretCase[] =>
  readJsonLines<SecretCase>(sharedDataPath('secrets', 'secrets-dev.jsonl'));

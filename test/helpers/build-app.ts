/**
 * The collector app for route tests (fastify/demo's build(t) pattern): a real app on a real database,
 * with a generated maintainer token and signing key, driven with inject. Close it after the test.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig } from '@tapheal/collector';
import type { Db } from '@tapheal/db';
import type { SigningKey } from '@tapheal/rules';
import { generateTestKey, type TestKey } from './packs.js';

export interface TestApp {
  app: FastifyInstance;
  adminToken: string;
  signingKey: SigningKey;
  publicPem: string;
  /** Headers that authenticate as a maintainer. */
  auth: { authorization: string };
}

export async function buildTestApp(
  db: Db,
  options: {
    env?: Record<string, string>;
    now?: () => Date;
    log?: Parameters<typeof buildApp>[0]['log'];
    /** The signing key (default: a new one), and a next key packs announce for a rotation. */
    key?: TestKey;
    nextKey?: TestKey;
  } = {},
): Promise<TestApp> {
  const adminToken = randomBytes(24).toString('base64url');
  const key = options.key ?? generateTestKey();
  // Suites sign in to the review UI many times from one address: the login limit has its own test.
  // Anonymiser threads take a moment to start: route tests run on the request thread unless they ask.
  const config = loadConfig({ TAPHEAL_TRAINER_INTERVAL_MINUTES: '0', TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE: '0', TAPHEAL_ANONYMISER_THREADS: '0', ...options.env });
  const app = await buildApp({
    config,
    db,
    secrets: { adminToken, signingKey: key.signing, ...(options.nextKey ? { nextKey: { keyid: options.nextKey.signing.keyid, pem: options.nextKey.publicPem } } : {}) },
    log: options.log ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  return { app, adminToken, signingKey: key.signing, publicPem: key.publicPem, auth: { authorization: `Bearer ${adminToken}` } };
}

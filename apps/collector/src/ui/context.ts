/** What every review UI route gets: the database, the services, the session codec and a page renderer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '@tapheal/db';
import type { TrainerSettings } from '../env.js';
import type { PackSigner } from '@tapheal/trainer';
import type { TrainerRunner } from '../services/trainer-runner.js';
import type { UiAssets } from './assets.js';
import { renderPage, type PageContent } from './layout.js';
import type { PackMatchers } from './pack-matchers.js';
import type { Session, SessionCodec } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    uiSession: Session | null;
  }
  interface FastifyContextConfig {
    /** A review UI route that needs no session (login, assets). */
    public?: boolean;
  }
}

export interface UiOptions {
  db: Db;
  adminToken: string;
  signer: PackSigner;
  trainer: TrainerRunner;
  gates: TrainerSettings;
  /** Sign-in attempts per minute from one address (TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE); 0: no limit. */
  loginPerMinute: number;
  now: () => Date;
}

export interface UiContext extends Omit<UiOptions, 'adminToken'> {
  assets: UiAssets;
  sessions: SessionCodec;
  matchers: PackMatchers;
  /** Sends a whole page (status 200 unless given). */
  send(request: FastifyRequest, reply: FastifyReply, content: PageContent, status?: number): FastifyReply;
}

export function createSend(assets: UiAssets): UiContext['send'] {
  return (request, reply, content, status = 200) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderPage({ session: request.uiSession, cssUrl: assets.css.url, iconUrl: assets.icon.url }, content));
}

/** The signed-in maintainer's session; routes that are not public only run with one. */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.uiSession) throw new Error('a review UI route ran without a session');
  return request.uiSession;
}

/** A form field as a trimmed string ('' when absent). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

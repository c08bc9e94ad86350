/**
 * Prometheus metrics at GET /metrics: requests by route and status, reports accepted and duplicate,
 * report batches rejected by reason, ingest latency, database errors, the anonymiser's threads and the
 * batches they handed back, and the process's own figures.
 * Each app has its own registry, so several apps in one process (tests) never share counters.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const REJECTION_REASONS = ['invalid', 'too_large', 'unsupported_encoding', 'rate_limited', 'unavailable'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  reports: Counter<'outcome'>;
  rejectedBatches: Counter<'reason'>;
  ingestSeconds: Histogram;
  databaseErrors: Counter<'kind'>;
  anonymiserHandBacks: Counter<'reason'>;
  /** Where the anonymiser threads gauge reads its value when scraped. */
  watchAnonymiserThreads(read: () => number): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tapheal_collector_' });
  const registers = [registry];
  const reports = new Counter({ name: 'tapheal_reports_total', help: 'Reports in accepted batches, by outcome: accepted (stored) or duplicate (id already stored).', labelNames: ['outcome'], registers });
  const rejectedBatches = new Counter({ name: 'tapheal_report_batches_rejected_total', help: 'Report batches refused, by reason; nothing of a refused batch is stored.', labelNames: ['reason'], registers });
  let anonymiserThreads = () => 0;
  new Gauge({
    name: 'tapheal_anonymiser_threads',
    help: 'Worker threads re-anonymising messages now; 0 means the request thread does it.',
    registers,
    collect() {
      this.set(anonymiserThreads());
    },
  });
  const anonymiserHandBacks = new Counter({
    name: 'tapheal_anonymiser_hand_backs_total',
    help: 'Report batches an anonymiser thread handed back to the request thread, by reason: failed (it answered an error) or died (pending when it ended).',
    labelNames: ['reason'],
    registers,
  });
  for (const reason of ['failed', 'died']) anonymiserHandBacks.inc({ reason }, 0);
  for (const outcome of ['accepted', 'duplicate']) reports.inc({ outcome }, 0);
  for (const reason of REJECTION_REASONS) rejectedBatches.inc({ reason }, 0);
  return {
    registry,
    requests: new Counter({ name: 'tapheal_http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: ['method', 'route', 'status'], registers }),
    reports,
    rejectedBatches,
    ingestSeconds: new Histogram({
      name: 'tapheal_ingest_duration_seconds',
      help: 'Time from a validated report batch to its commit.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    databaseErrors: new Counter({ name: 'tapheal_database_errors_total', help: 'Database failures, by kind: unavailable (answered 503) or other (answered 500).', labelNames: ['kind'], registers }),
    anonymiserHandBacks,
    watchAnonymiserThreads: (read) => void (anonymiserThreads = read),
  };
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

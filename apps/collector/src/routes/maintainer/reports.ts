/** `GET /v1/reports`: stored reports, newest first, paged, with the cluster each belongs to. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listReports, type Db, type StoredReport } from '@tapheal/db';
import { PageQuery, iso } from '../error-reply.js';

const ReportView = z.object({
  id: z.string(),
  installId: z.string(),
  receivedAt: z.string(),
  occurredAt: z.string(),
  schema: z.number(),
  client: z.object({ name: z.string(), version: z.string() }),
  platform: z.object({ os: z.string(), arch: z.string(), runtime: z.string(), runtimeVersion: z.string() }),
  server: z.object({ name: z.string(), version: z.string().nullable(), transport: z.string().nullable() }).nullable(),
  phase: z.string(),
  error: z.object({ message: z.string(), code: z.string().nullable(), exitCode: z.number().nullable(), signal: z.string().nullable() }),
  diagnosis: z.unknown(),
  healing: z.unknown(),
  clusterId: z.string().nullable(),
});

export function toReportView(row: StoredReport): z.infer<typeof ReportView> {
  return {
    id: row.id,
    installId: row.installId,
    receivedAt: iso(row.receivedAt)!,
    occurredAt: iso(row.occurredAt)!,
    schema: row.schema,
    client: { name: row.clientName, version: row.clientVersion },
    platform: { os: row.platformOs, arch: row.platformArch, runtime: row.platformRuntime, runtimeVersion: row.platformRuntimeVersion },
    server: row.serverName ? { name: row.serverName, version: row.serverVersion, transport: row.serverTransport } : null,
    phase: row.phase,
    error: { message: row.message, code: row.errorCode, exitCode: row.exitCode, signal: row.signal },
    diagnosis: row.diagnosis ?? null,
    healing: row.healing ?? null,
    clusterId: row.clusterId,
  };
}

export const maintainerReportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/v1/reports',
    { schema: { querystring: PageQuery, response: { 200: z.object({ reports: z.array(ReportView), next: z.string().nullable() }) } } },
    async (request) => {
      const page = await listReports(db, request.query);
      return { reports: page.items.map(toReportView), next: page.next };
    },
  );
};

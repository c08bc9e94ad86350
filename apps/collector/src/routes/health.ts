import type { FastifyInstance } from 'fastify';
import type { Db } from '@tapheal/db';

/** `GET /health`: 200 once the database answers, 503 otherwise. */
export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/health', async (request, reply) => {
    try {
      await db.ping();
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('Retry-After', '5').send({ status: 'unavailable' });
    }
  });
}

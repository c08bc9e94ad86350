/** GET /ui: the overview. The report figures come from a cache that any new report invalidates; the cluster figures are read each time. */
import type { FastifyInstance } from 'fastify';
import { clusterTrend, countClusters, listReviewClusters } from '@tapheal/db';
import type { UiContext } from '../context.js';
import { lastDays, windowStart } from '../format.js';
import { createReportFiguresCache } from '../report-figures.js';
import { overviewView, TREND_DAYS } from '../views/overview.js';

const TOP_GROWING = 5;

export function overviewRoutes(app: FastifyInstance, ctx: UiContext): void {
  const figures = createReportFiguresCache();
  app.get('/', async (request, reply) => {
    const now = ctx.now();
    const served = await ctx.matchers.served(ctx.db);
    const [reports, clusters, growingPage] = await Promise.all([
      figures.get(ctx.db, now, served),
      countClusters(ctx.db),
      listReviewClusters(ctx.db, { limit: TOP_GROWING, sort: 'growth', direction: 'desc' }),
    ]);
    const growing = growingPage.items.filter((cluster) => cluster.growth > 0);
    const trendSince = windowStart(now, TREND_DAYS);
    const trends = new Map<string, number[]>(
      await Promise.all(
        growing.map(async (cluster): Promise<[string, number[]]> => {
          const byDay = new Map((await clusterTrend(ctx.db, cluster.id, trendSince)).map((point) => [point.day, point.reports]));
          return [cluster.id, lastDays(now, TREND_DAYS).map((day) => byDay.get(day) ?? 0)];
        }),
      ),
    );
    const body = overviewView({ now, ...reports, clusters, servedVersion: served?.pack.version ?? null, growing, trends, minReports: ctx.gates.minReports });
    return ctx.send(request, reply, { title: 'Overview', section: 'overview', body });
  });
}

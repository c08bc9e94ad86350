/**
 * The overview's figures over the reports table: reports per day, packs in use, installs, the total, and
 * the served pack's coverage of the newest reports. With 100,000 reports they take a few hundred
 * milliseconds to compute (a scan of the window), so they are kept until a report arrives (the newest
 * report's key changes), the served pack or the day changes, or REPORT_FIGURES_TTL_MS passes.
 */
import { countReports, installCounts, newestReportsKey, packUsage, recentMessages, reportsPerDay, type DailyReports, type Db, type PackUsage } from '@tapheal/db';
import { windowStart } from './format.js';
import type { CompiledPack } from './pack-matchers.js';

export const REPORT_FIGURES_TTL_MS = 60_000;
/** The newest reports the served pack classifies again, for its coverage. */
export const COVERAGE_SAMPLE = 2_000;
export const OVERVIEW_DAYS = 30;
export const USAGE_DAYS = 7;

export interface ReportFigures {
  daily: DailyReports[];
  usage: PackUsage[];
  installs: { total: number; active: number };
  totalReports: number;
  coverage: { messages: number; classified: number } | null;
}

async function computeFigures(db: Db, now: Date, served: CompiledPack | null): Promise<ReportFigures> {
  const since = windowStart(now, OVERVIEW_DAYS);
  const [daily, usage, installs, totalReports, recent] = await Promise.all([
    reportsPerDay(db, since),
    packUsage(db, windowStart(now, USAGE_DAYS)),
    installCounts(db, since),
    countReports(db),
    served?.matcher ? recentMessages(db, COVERAGE_SAMPLE) : Promise.resolve([]),
  ]);
  const matcher = served?.matcher;
  const coverage = matcher ? { messages: recent.length, classified: recent.filter((message) => matcher.classify(message).category !== 'unknown').length } : null;
  return { daily, usage, installs, totalReports, coverage };
}

export interface ReportFiguresCache {
  get(db: Db, now: Date, served: CompiledPack | null): Promise<ReportFigures>;
}

export function createReportFiguresCache(ttlMs = REPORT_FIGURES_TTL_MS, clock: () => number = () => performance.now()): ReportFiguresCache {
  let entry: { key: string; at: number; figures: ReportFigures } | null = null;
  return {
    async get(db, now, served) {
      const key = `${await newestReportsKey(db)}|${served?.pack.version ?? 'none'}|${now.toISOString().slice(0, 10)}`;
      if (entry && entry.key === key && clock() - entry.at < ttlMs) return entry.figures;
      const figures = await computeFigures(db, now, served);
      entry = { key, at: clock(), figures };
      return figures;
    },
  };
}

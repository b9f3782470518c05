/** How each test layer reports its counts to the top-level runner (test/run.ts). */
import * as fs from 'node:fs';

export interface LayerStats {
  passed: number;
  failed: number;
  skipped: number;
}

export const STATS_FILE_ENV = 'COMPANION_STATS_FILE';

export function writeLayerStats(stats: LayerStats): void {
  const file = process.env[STATS_FILE_ENV];
  if (file) fs.writeFileSync(file, JSON.stringify(stats));
}

export function readLayerStats(file: string): LayerStats | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LayerStats;
  } catch {
    return undefined;
  }
}

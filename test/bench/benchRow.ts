/** One measured number of a benchmark, as every bench module reports it. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The limit the value must respect (an upper bound when `better` is 'lower', a lower bound otherwise). */
  budget?: number;
  better: 'lower' | 'higher';
}

/** Whether a row meets its budget (rows without one always do). */
export function withinBudget(row: BenchRow): boolean {
  if (row.budget === undefined) return true;
  return row.better === 'lower' ? row.value <= row.budget : row.value >= row.budget;
}

/** The median of `samples` (which it sorts in place). */
export function median(samples: number[]): number {
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  return samples.length % 2 === 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

/** The `p`th percentile of `samples` (nearest rank, index ⌊p% of n⌋); `samples` is left as it is. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

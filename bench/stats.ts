// Summaries of repeated measurements: median with min and max, and ratios taken pair by pair
// (both members of a pair measured back to back in the same run, so machine noise hits both).

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** How many measurements (after the warm-up). */
  readonly n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no measurements to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const low = sorted[middle - 1];
  const high = sorted[middle];
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (high === undefined || first === undefined || last === undefined) throw new Error('no measurements to summarise');
  const median = sorted.length % 2 === 1 || low === undefined ? high : (low + high) / 2;
  return { median, min: first, max: last, n: sorted.length };
}

/** `numerator[i] / denominator[i]` for each pair. */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): number[] {
  if (numerator.length !== denominator.length) throw new Error('paired ratios need as many numerators as denominators');
  return numerator.map((value, index) => {
    const base = denominator[index];
    if (base === undefined || base <= 0) throw new Error(`pair ${index} has no positive denominator`);
    return value / base;
  });
}

/** Summary of repeated measurements; medians because the machine is shared and noisy. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median, min and max of a non-empty list; an empty list is a broken benchmark, not a value. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError("summarize needs at least one measurement");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    n: sorted.length,
    median: round(median),
    min: round(sorted[0] as number),
    max: round(sorted.at(-1) as number),
  };
}

/** Bytes to mebibytes, two decimals: the unit Lambda's REPORT line and `ps` use. */
export function toMB(bytes: number): number {
  return round(bytes / 1024 / 1024);
}

/** Two decimals: enough for milliseconds and megabytes, short in JSON. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `value / baseline`, two decimals; both measured in the same run, so the ratio is what we report. */
export function ratio(value: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : round(value / baseline);
}

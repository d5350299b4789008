/** The CloudWatch Embedded Metric Format metadata of one log record. */
export interface EmfMetadata {
  readonly Timestamp: number;
  readonly CloudWatchMetrics: readonly {
    readonly Namespace: string;
    readonly Dimensions: readonly (readonly string[])[];
    readonly Metrics: readonly { readonly Name: string; readonly Unit?: string }[];
  }[];
}

/** One EMF record: the `_aws` metadata and the top-level members (dimension and metric values). */
export type EmfRecord = { readonly _aws: EmfMetadata } & Readonly<Record<string, unknown>>;

/** Every JSON line of a function log that carries EMF metadata (`_aws`), in order. */
export function emfRecords(log: string): EmfRecord[] {
  return log.split("\n").flatMap((line) => {
    if (!line.startsWith("{") || !line.includes('"_aws"')) return [];
    const parsed = JSON.parse(line) as Record<string, unknown>;
    return "_aws" in parsed ? [parsed as EmfRecord] : [];
  });
}

/** The values of `metric` across the records that declare it (CloudWatch sums them per period). */
export function metricValues(records: readonly EmfRecord[], metric: string): number[] {
  return records
    .filter((record) =>
      record._aws.CloudWatchMetrics.some((set) => set.Metrics.some((m) => m.Name === metric)),
    )
    .map((record) => record[metric])
    .filter((value): value is number => typeof value === "number");
}

/** A JWT in compact form (header and payload are base64url JSON objects, so both start `eyJ`). */
export const jwtPattern = /eyJ[\w-]*\.eyJ[\w-]*\./;

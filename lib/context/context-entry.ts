/**
 * Where a context value was set. The CDK CLI merges `cdk.json`, `cdk.context.json` and `-c key=value`
 * before the app sees them, so the app tells them apart by comparing with the files it can read.
 */
export const ContextSource = {
  cdkJson: "cdk.json",
  cdkContextJson: "cdk.context.json",
  commandLine: "-c",
} as const;
export type ContextSource = (typeof ContextSource)[keyof typeof ContextSource];

/** One context value and where it came from, so that an error blames the place the operator must edit. */
export interface ContextEntry {
  readonly value: unknown;
  readonly source: ContextSource;
}

/** Finds one context key; undefined when it is not set anywhere. */
export type ContextLookup = (key: string) => ContextEntry | undefined;

/** The phrase an error message uses for a source: `cdk.json`, or `-c clusters=...` on the command line. */
export function describeSource(key: string, source: ContextSource): string {
  return source === ContextSource.commandLine ? `-c ${key}=... on the command line` : source;
}

/** A lookup over plain values that all come from one source: what tests and other tools build. */
export function lookupIn(values: Readonly<Record<string, unknown>>, source: ContextSource): ContextLookup {
  return (key) => (values[key] === undefined ? undefined : { value: values[key], source });
}

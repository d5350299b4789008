import { type ContextSource, describeSource } from "./context/context-entry.js";

/** Stable codes for the deploy-time errors of the CDK app, to `switch` on in tests and tooling. */
export const DeployErrorCode = {
  props: "ROLLOUT_VERIFIER_PROPS_INVALID",
  context: "ROLLOUT_VERIFIER_CONTEXT_INVALID",
} as const;
export type DeployErrorCode = (typeof DeployErrorCode)[keyof typeof DeployErrorCode];

/** A `RolloutVerifier` prop is unusable; raised at synth so a bad value never reaches an account. */
export class RolloutVerifierPropsError extends Error {
  override readonly name = "RolloutVerifierPropsError";
  readonly code = DeployErrorCode.props;
  /** The offending prop, e.g. `maxRedeploysPerRun`. */
  readonly prop: string;

  constructor(prop: string, message: string) {
    super(`RolloutVerifier prop \`${prop}\`: ${message}`);
    this.prop = prop;
  }
}

/** A context value is missing or malformed; the message names the key, where it was set, and the expected form. */
export class StackContextError extends Error {
  override readonly name = "StackContextError";
  readonly code = DeployErrorCode.context;
  /** The offending context key, e.g. `subnetIds`. */
  readonly key: string;
  /** Where the value was set (`cdk.json`, `cdk.context.json`, `-c`); undefined when the key is missing. */
  readonly source: ContextSource | undefined;

  constructor(key: string, message: string, source?: ContextSource) {
    super(
      `context key \`${key}\`${source === undefined ? "" : ` (from ${describeSource(key, source)})`}: ${message}`,
    );
    this.key = key;
    this.source = source;
  }
}

import type { RedeployTag } from "../../lambda/core/intake/verification-request.js";
import { UsageError } from "./usage-error.js";

/**
 * The opt-in tag the stack requires by default (`requireRedeployTag`, enforced by IAM with an
 * `aws:ResourceTag` condition). The CLI makes it its default too, so a laptop with broad
 * credentials forces no more than the deployed verifier would. A unit test keeps it equal to the
 * stack's `RedeployTag`.
 */
export const defaultRedeployTag: RedeployTag = { key: "rollout-verifier:redeploy", value: "true" };

/** Which services `verify --redeploy` may force, and who decided. */
export type RedeployPolicy =
  | { readonly kind: "tagged"; readonly tag: RedeployTag; readonly source: "default" | "env" | "flag" }
  | { readonly kind: "any"; readonly source: "flag" };

/**
 * `--redeploy-tag KEY=VALUE` and `--no-redeploy-tag` override; otherwise `VERIFIER_REDEPLOY_TAG`
 * (what the Lambda reads), otherwise the stack's default tag.
 */
export function resolveRedeployPolicy(
  flags: { readonly tag?: string; readonly none?: boolean },
  fromEnv: RedeployTag | undefined,
): RedeployPolicy {
  if (flags.tag !== undefined && flags.none === true)
    throw new UsageError("verify", "Give --redeploy-tag or --no-redeploy-tag, not both.");
  if (flags.none === true) return { kind: "any", source: "flag" };
  if (flags.tag !== undefined) return { kind: "tagged", tag: parseTag(flags.tag), source: "flag" };
  if (fromEnv !== undefined) return { kind: "tagged", tag: fromEnv, source: "env" };
  return { kind: "tagged", tag: defaultRedeployTag, source: "default" };
}

/** One line for the report heading: which services a forced deployment may touch, and why. */
export function describeRedeployPolicy(policy: RedeployPolicy): string {
  if (policy.kind === "any")
    return "every service that needs it, opt-in tag or not (--no-redeploy-tag overrides the stack's default)";
  const tag = `${policy.tag.key}=${policy.tag.value}`;
  const why = {
    default: "the stack's default",
    env: "from VERIFIER_REDEPLOY_TAG",
    flag: "--redeploy-tag overrides the stack's default",
  }[policy.source];
  return `only services tagged ${tag} (${why})`;
}

function parseTag(text: string): RedeployTag {
  const separator = text.indexOf("=");
  if (separator < 1)
    throw new UsageError(
      "verify",
      `--redeploy-tag must be KEY=VALUE, got "${text}". See: rollout-verifier verify --help`,
    );
  return { key: text.slice(0, separator), value: text.slice(separator + 1) };
}

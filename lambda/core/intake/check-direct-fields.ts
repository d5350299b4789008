import { EventMalformedError } from "../../errors.js";
import { boundText } from "../report/bound-text.js";

/** The function's own account and region: the only place it may call ECS and Secrets Manager. */
export interface FunctionPlace {
  readonly region?: string;
  /** Known only when the caller has the function's ARN (the invocation context). */
  readonly account?: string;
}

/** ECS cluster names: 1-255 letters, numbers, hyphens and underscores (the stack's context uses the same rule). */
const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const CLUSTER_ARN = /^arn:(aws[a-z-]*):ecs:([a-z0-9-]+):(\d{12}):cluster\/([A-Za-z0-9_-]{1,255})$/;
const SECRET_ARN = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]{1,512}$/;
/** Secrets Manager names: ASCII letters, numbers and /_+=.@- (a partial ARN's name included). */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** How much of a refused value an error message quotes: enough to recognise it, never 10,000 characters. */
const QUOTED = 80;

/**
 * Checks a direct invocation's `clusters` and `secretId` as synth checks the stack's context: a
 * cluster is an ECS cluster name or a cluster ARN, a secret a name or a Secrets Manager ARN, and an
 * ARN must be of the function's own account and region (where known), since the function can call
 * nowhere else. Throws EventMalformedError naming the field, before any AWS call.
 */
export function checkDirectFields(
  fields: { readonly secretId: string; readonly clusters?: readonly string[] },
  place: FunctionPlace | undefined,
): void {
  checkSecretId(fields.secretId, place);
  fields.clusters?.forEach((cluster, index) => {
    checkCluster(`clusters[${index}]`, cluster, place);
  });
}

function checkCluster(field: string, value: string, place: FunctionPlace | undefined): void {
  if (!value.startsWith("arn:")) {
    if (!CLUSTER_NAME.test(value))
      refuse(
        field,
        value,
        `is neither an ECS cluster name (1-255 letters, numbers, hyphens and underscores) nor a cluster ARN`,
      );
    return;
  }
  const arn = CLUSTER_ARN.exec(value);
  if (!arn) refuse(field, value, "is not a cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)");
  checkPlace(field, value, arn[2] as string, arn[3] as string, place);
}

function checkSecretId(value: string, place: FunctionPlace | undefined): void {
  if (!value.startsWith("arn:")) {
    if (!SECRET_NAME.test(value))
      refuse(
        "secretId",
        value,
        "is neither a secret name (1-512 letters, numbers and /_+=.@-) nor a Secrets Manager secret ARN",
      );
    return;
  }
  const arn = SECRET_ARN.exec(value);
  if (!arn)
    refuse(
      "secretId",
      value,
      "is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)",
    );
  checkPlace("secretId", value, arn[2] as string, arn[3] as string, place);
}

function checkPlace(
  field: string,
  value: string,
  region: string,
  account: string,
  place: FunctionPlace | undefined,
): void {
  if (place?.region !== undefined && region !== place.region)
    refuse(
      field,
      value,
      `is in region ${region}, not the function's region ${place.region}: the function calls AWS only in its own account and region`,
    );
  if (place?.account !== undefined && account !== place.account)
    refuse(
      field,
      value,
      `is in account ${account}, not the function's account ${place.account}: the function calls AWS only in its own account and region`,
    );
}

function refuse(field: string, value: string, why: string): never {
  throw new EventMalformedError(
    `direct invocation field ${field} ("${boundText(value, QUOTED)}") ${why}; nothing was verified.`,
  );
}

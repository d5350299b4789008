import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";

/** An Allow statement with a stable Sid. */
export function allow(sid: string, actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources });
}

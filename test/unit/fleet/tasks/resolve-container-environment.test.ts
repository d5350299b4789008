import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../../../fleet/contracts.js";
import { resolveContainerEnvironment } from "../../../../fleet/tasks/resolve-container-environment.js";

const resolver = {
  resolveValueFrom(valueFrom: string): string {
    if (valueFrom === "known") return "s3cr3t-value";
    if (valueFrom.startsWith("/")) throw new AwsServiceError("InvalidParameters", valueFrom);
    throw new AwsServiceError(
      "ResourceNotFoundException",
      "Secrets Manager can't find the specified secret.",
    );
  },
};

describe("container environment at start", () => {
  it("merges environment and resolved secrets, secrets winning on a name clash", () => {
    const outcome = resolveContainerEnvironment(
      {
        environment: [
          { name: "A", value: "1" },
          { name: "JWT_SECRET", value: "plain" },
        ],
        secrets: [{ name: "JWT_SECRET", valueFrom: "known" }],
      },
      resolver,
    );
    expect(outcome).toEqual({ kind: "resolved", env: { A: "1", JWT_SECRET: "s3cr3t-value" } });
  });

  it("fails like ECS, naming the reference but never a value", () => {
    const outcome = resolveContainerEnvironment(
      {
        secrets: [
          { name: "OK", valueFrom: "known" },
          { name: "JWT_SECRET", valueFrom: "unknown-ref" },
        ],
      },
      resolver,
    );
    expect(outcome.kind).toBe("failed");
    const reason = outcome.kind === "failed" ? outcome.reason : "";
    expect(reason).toMatch(/^ResourceInitializationError: unable to pull secrets or registry auth: /);
    expect(reason).toContain("unknown-ref");
    expect(reason).toContain("ResourceNotFoundException");
    expect(reason).not.toContain("s3cr3t-value");
  });

  it("reports a parameter that cannot be read as ECS reports invalid ssm parameters", () => {
    const outcome = resolveContainerEnvironment(
      { secrets: [{ name: "JWT_SECRET", valueFrom: "/prod/jwt" }] },
      resolver,
    );
    expect(outcome).toEqual({
      kind: "failed",
      reason:
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: " +
        "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /prod/jwt",
    });
  });
});

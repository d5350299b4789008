import { describe, expect, it } from "vitest";
import { chooseProbeSecret } from "../../../../lambda/core/consumers/choose-probe-secret.js";
import type { SecretReference, TaskDefinitionSnapshot } from "../../../../lambda/core/snapshots.js";
import { aTaskDefinition, currentVersion, secretArn } from "../builders.js";

/**
 * With no port tag, the probed container is the first container with a port that reads the watched
 * secret through `secrets[]`: not one that reads it only in `logConfiguration`, nor one that reads
 * another secret through `secrets[]`.
 */
const secret = { arn: secretArn, name: "prod/orders/jwt-signing-key" };
const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders/db-password-AbCdEf";
const api = { name: "api", portMappings: [{ containerPort: 8080 }] };

function probed(containers: TaskDefinitionSnapshot["containers"], secretReferences: SecretReference[]) {
  const plan = chooseProbeSecret(
    aTaskDefinition({ containers, secretReferences }),
    secret,
    currentVersion,
    {},
  );
  return { port: plan.containerPort, key: plan.key };
}

const jwtKey: SecretReference = {
  container: "api",
  source: "secrets",
  name: "JWT_KEY",
  valueFrom: secretArn,
};
const applies = {
  kind: "applies",
  secret: { variable: "JWT_KEY", container: "api", chosenBy: "only" },
};

describe("chooseProbeSecret: the probed container without a port tag", () => {
  it("skips a container with a port that reads the secret only in its logConfiguration", () => {
    const proxy = { name: "proxy", portMappings: [{ containerPort: 9901 }] };
    const refs: SecretReference[] = [
      { container: "proxy", source: "logConfiguration", name: "apiKey", valueFrom: secretArn },
      jwtKey,
    ];
    expect(probed([proxy, api], refs)).toEqual({ port: 8080, key: applies });
  });

  it("skips a container with a port that reads another secret through secrets[]", () => {
    const worker = { name: "worker", portMappings: [{ containerPort: 9000 }] };
    const refs: SecretReference[] = [
      { container: "worker", source: "secrets", name: "DB_PASSWORD", valueFrom: other },
      jwtKey,
    ];
    expect(probed([worker, api], refs)).toEqual({ port: 8080, key: applies });
  });

  it("takes the container that reads the secret over an earlier one with a port and no secret", () => {
    const metrics = { name: "metrics", portMappings: [{ containerPort: 9100 }] };
    expect(probed([metrics, api], [jwtKey])).toEqual({ port: 8080, key: applies });
  });

  it("says the probed container reads no secret through secrets[] when only its logConfiguration reads it", () => {
    const refs: SecretReference[] = [
      { container: "api", source: "logConfiguration", name: "apiKey", valueFrom: secretArn },
    ];
    expect(probed([api], refs)).toEqual({
      port: 8080,
      key: {
        kind: "not-applicable",
        reason:
          "The probe does not apply to this secret: container api reads no secret through secrets[]; this secret reaches logConfiguration.secretOptions of api.",
      },
    });
  });
});

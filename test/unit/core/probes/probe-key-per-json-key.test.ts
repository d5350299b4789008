import { describe, expect, it } from "vitest";
import type { ProbeRequest } from "../../../../lambda/core/ports.js";
import type { ProbeTarget } from "../../../../lambda/core/probes/probe-run.js";
import type { ProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";
import type { ProbeSigner } from "../../../../lambda/core/probes/probe-signer.js";
import { probeTasks } from "../../../../lambda/core/probes/probe-tasks.js";
import type { ProbeReport } from "../../../../lambda/core/report/report.js";
import { aTask } from "../builders.js";

const settings: ProbeSettings = { path: "/api/me", scheme: "http", optedOut: false, ignoredTags: [] };

/** A task of `service` whose probed container reads the JSON field `jsonKey` of the secret. */
function target(service: string, host: string, jsonKey: string | undefined): ProbeTarget {
  return {
    cluster: "prod",
    service,
    task: aTask({ taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${service}` }),
    settings,
    address: { kind: "resolved", host, port: 8080 },
    key: {
      kind: "applies",
      secret: { variable: "JWT_SECRET", container: "app", chosenBy: "only", ...(jsonKey ? { jsonKey } : {}) },
    },
  };
}

/** Signs `good.<json-key>`: the token says which JSON field's key signed it. */
const fieldSigner: ProbeSigner = {
  async importSigningKey(_secretString, options) {
    return {
      alg: "HS256",
      fingerprint: `sha256:${options?.jsonKey ?? "whole"}`,
      kid: options?.jsonKey ?? "whole",
    };
  },
  async signProbeToken(key) {
    return `good.${key.kid}`;
  },
  signAlgNoneToken() {
    return "none";
  },
  async signWrongKeyToken() {
    return "wrong";
  },
};

describe("probeTasks: one key per json-key", () => {
  it("probes each task with the key of the JSON field it reads, not the first field's key", async () => {
    const sent: { host: string; authorization: string }[] = [];
    const probe = {
      async probe(request: ProbeRequest): Promise<ProbeReport> {
        sent.push({ host: new URL(request.url).hostname, authorization: request.authorization });
        return { status: "accepted", httpStatus: 200, url: request.url };
      },
    };
    await probeTasks(
      {
        probe,
        signer: fieldSigner,
        clock: { now: () => new Date(0) },
        secretString: '{"orders":"o","billing":"b"}',
        previousSecretString: null,
        timeoutMs: 100,
        concurrency: 1,
        securityProbes: false,
      },
      [
        target("orders", "10.0.0.1", "orders"),
        target("billing", "10.0.0.2", "billing"),
        target("whole", "10.0.0.3", undefined),
      ],
    );
    expect(sent).toHaveLength(3);
    expect(Object.fromEntries(sent.map((request) => [request.host, request.authorization]))).toEqual({
      "10.0.0.1": "Bearer good.orders",
      "10.0.0.2": "Bearer good.billing",
      "10.0.0.3": "Bearer good.whole",
    });
  });
});

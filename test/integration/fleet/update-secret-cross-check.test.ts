import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FleetEvent } from "../../../fleet/contracts.js";
import { createSecretsManagerApi } from "../../../fleet/secrets-manager/create-secrets-manager-api.js";
import { type FleetServer, startFleetServer } from "../../../fleet/server.js";
import { createCallLog } from "../../../fleet/server-call-log.js";
import { createFaultInjector } from "../../../fleet/server-faults.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";
import { runAws } from "./fleet-test-helpers.js";

/**
 * UpdateSecret on the fleet against moto_server (same SDK calls, compared where moto is faithful)
 * and through the AWS CLI. moto 5.x quirks, skipped where they matter: it accepts an UpdateSecret
 * with neither a value nor metadata, and one with both SecretString and SecretBinary; the fleet
 * refuses both (see fleet/README.md).
 */
const motoAvailable = crossCheckToolsAvailable(CrossCheckTool.motoServer);
const cliAvailable = crossCheckToolsAvailable(CrossCheckTool.awsCli);

const REGION = "eu-west-1";
const T = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForMoto(endpoint: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not start at ${endpoint}`);
}

function client(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "AKIDLOCALFLEET", secretAccessKey: "local-fleet" },
    maxAttempts: 1,
  });
}

/** The call's result, or `{error: <exception name>}`: errors compare by type. */
async function outcome(step: () => Promise<object>): Promise<Record<string, unknown>> {
  try {
    const { $metadata: _metadata, ...result } = (await step()) as Record<string, unknown>;
    return result;
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** VersionIdsToStages with labelled versions only, labels sorted (moto keeps deprecated versions as `[]`). */
async function labelledStages(sm: SecretsManagerClient, secretId: string): Promise<Record<string, string[]>> {
  const described = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  return Object.fromEntries(
    Object.entries(described.VersionIdsToStages ?? {})
      .filter(([, stages]) => stages.length > 0)
      .map(([id, stages]) => [id, [...stages].sort()]),
  );
}

let moto: ChildProcess | undefined;
let fleet: FleetServer | undefined;
const events: FleetEvent[] = [];
const clients: { fleet?: SecretsManagerClient; moto?: SecretsManagerClient } = {};

beforeAll(async () => {
  if (!motoAvailable && !cliAvailable) return;
  const api = createSecretsManagerApi({
    identity: { account: "123456789012", region: REGION },
    emit: (event) => events.push(event),
  });
  fleet = await startFleetServer({
    services: [api],
    faults: createFaultInjector(),
    callLog: createCallLog(),
  });
  clients.fleet = client(fleet.endpoint);
  if (!motoAvailable) return;
  const port = await freePort();
  const motoEndpoint = `http://127.0.0.1:${port}`;
  moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", detached: true });
  await waitForMoto(motoEndpoint);
  clients.moto = client(motoEndpoint);
});

afterAll(async () => {
  clients.fleet?.destroy();
  clients.moto?.destroy();
  await fleet?.close();
  const child = moto;
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  }
});

let counter = 0;
let name = "";
beforeEach(() => {
  counter += 1;
  name = `update/secret-${counter}`;
});

describe.runIf(motoAvailable)("UpdateSecret: the fleet versus moto_server", () => {
  async function onBoth<R>(sequence: (sm: SecretsManagerClient) => Promise<R>): Promise<[R, R]> {
    const { fleet: onFleet, moto: onMoto } = clients;
    if (!onFleet || !onMoto) throw new Error("clients not started");
    return [await sequence(onFleet), await sequence(onMoto)];
  }

  it("moves AWSCURRENT to each new value and AWSPREVIOUS to the version it left, answering its VersionId", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      const created = await sm.send(
        new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }),
      );
      const second = await outcome(() =>
        sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: "v2", ClientRequestToken: T(2) })),
      );
      const third = await outcome(() =>
        sm.send(
          new UpdateSecretCommand({ SecretId: created.ARN, SecretString: "v3", ClientRequestToken: T(3) }),
        ),
      );
      const current = await sm.send(
        new GetSecretValueCommand({ SecretId: name, VersionStage: "AWSCURRENT" }),
      );
      return {
        second: { ...second, ARN: second.ARN === created.ARN },
        third: { ...third, ARN: third.ARN === created.ARN },
        stages: await labelledStages(sm, name),
        current: [current.VersionId, current.SecretString],
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.second).toEqual({ ARN: true, Name: name, VersionId: T(2) });
    expect(onFleet.stages).toEqual({ [T(2)]: ["AWSPREVIOUS"], [T(3)]: ["AWSCURRENT"] });
    expect(onFleet.current).toEqual([T(3), "v3"]);
  });

  it("changes only the description without a value: no VersionId, no new version", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      const updated = await outcome(() =>
        sm.send(new UpdateSecretCommand({ SecretId: name, Description: "rotated by hand" })),
      );
      const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
      return {
        hasVersionId: "VersionId" in updated,
        description: described.Description,
        stages: await labelledStages(sm, name),
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet).toEqual({
      hasVersionId: false,
      description: "rotated by hand",
      stages: { [T(1)]: ["AWSCURRENT"] },
    });
  });

  it("replays the same token and value, and raises the same errors for a reused token or an unknown secret", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      const update = (SecretString: string, ClientRequestToken: string, SecretId = name) =>
        outcome(() => sm.send(new UpdateSecretCommand({ SecretId, SecretString, ClientRequestToken })));
      await update("v2", T(2));
      const replay = await update("v2", T(2));
      const reusedWithOtherValue = await update("v9", T(2));
      const unknown = await update("v9", T(9), `${name}-missing`);
      return {
        replay: replay.VersionId,
        reusedWithOtherValue,
        unknown,
        stages: await labelledStages(sm, name),
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.reusedWithOtherValue).toEqual({ error: "ResourceExistsException" });
    expect(onFleet.unknown).toEqual({ error: "ResourceNotFoundException" });
    expect(onFleet.stages).toEqual({ [T(1)]: ["AWSPREVIOUS"], [T(2)]: ["AWSCURRENT"] });
  });
});

describe.runIf(cliAvailable)("UpdateSecret through the AWS CLI on the fleet", () => {
  it("creates an AWSCURRENT version with a value, none without, and CloudTrail logs the CLI's token each time", async () => {
    if (!fleet) throw new Error("fleet not started");
    const endpoint = fleet.endpoint;
    await runAws(endpoint, ["secretsmanager", "create-secret", "--name", name, "--secret-string", "cli-v1"]);
    const from = events.length;
    const withValue = await runAws(endpoint, [
      "secretsmanager",
      "update-secret",
      "--secret-id",
      name,
      "--secret-string",
      "cli-v2",
    ]);
    const read = await runAws(endpoint, ["secretsmanager", "get-secret-value", "--secret-id", name]);
    expect([read.VersionId, read.SecretString, read.VersionStages]).toEqual([
      withValue.VersionId,
      "cli-v2",
      ["AWSCURRENT"],
    ]);
    const metadataOnly = await runAws(endpoint, [
      "secretsmanager",
      "update-secret",
      "--secret-id",
      name,
      "--description",
      "by the CLI",
    ]);
    expect(metadataOnly.VersionId).toBeUndefined();
    expect(metadataOnly.Name).toBe(name);

    const calls = events
      .slice(from)
      .filter((event) => event["detail-type"] === "AWS API Call via CloudTrail")
      .map((event) => event.detail.requestParameters as Record<string, unknown>);
    expect(calls).toHaveLength(2);
    // The CLI fills ClientRequestToken (an idempotency token) on both calls: only the first names a version.
    expect(calls[0]).toEqual({ secretId: name, clientRequestToken: withValue.VersionId });
    expect(calls[1]).toMatchObject({ secretId: name, description: "by the CLI" });
    expect(typeof calls[1]?.clientRequestToken).toBe("string");
    expect(calls[1]?.clientRequestToken).not.toBe(withValue.VersionId);
    const described = await runAws(endpoint, ["secretsmanager", "describe-secret", "--secret-id", name]);
    expect(Object.keys(described.VersionIdsToStages)).not.toContain(calls[1]?.clientRequestToken);

    await expect(runAws(endpoint, ["secretsmanager", "update-secret", "--secret-id", name])).rejects.toThrow(
      /InvalidParameterException/,
    );
  });
});

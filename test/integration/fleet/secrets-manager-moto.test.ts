import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSecretsManagerApi } from "../../../fleet/secrets-manager/create-secrets-manager-api.js";
import { type FleetServer, startFleetServer } from "../../../fleet/server.js";
import { createCallLog } from "../../../fleet/server-call-log.js";
import { createFaultInjector } from "../../../fleet/server-faults.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.motoServer);

/**
 * The same call sequences, through the real SDK client, against the fleet and against moto_server,
 * compared where moto is faithful (docs/cross-check-tools.md). Known moto quirks are normalised or skipped
 * at the exact place they matter, with a comment saying which.
 */

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

type Outcome = Record<string, unknown> | { error: string };

/** Runs `step` and returns its result, or `{error: <exception name>}`: errors compare by type. */
async function outcome(step: () => Promise<object>): Promise<Outcome> {
  try {
    return (await step()) as Record<string, unknown>;
  } catch (error) {
    return { error: (error as Error).name };
  }
}

let moto: ChildProcess | undefined;
let motoEndpoint = "";
let fleet: FleetServer | undefined;
const clients: { fleet?: SecretsManagerClient; moto?: SecretsManagerClient } = {};

beforeAll(async () => {
  if (!available) return;
  const port = await freePort();
  motoEndpoint = `http://127.0.0.1:${port}`;
  moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", detached: true });
  await waitForMoto(motoEndpoint);
  const api = createSecretsManagerApi({
    identity: { account: "123456789012", region: REGION },
    emit: () => {},
  });
  fleet = await startFleetServer({
    services: [api],
    faults: createFaultInjector(),
    callLog: createCallLog(),
  });
  clients.fleet = client(fleet.endpoint);
  clients.moto = client(motoEndpoint);
});

afterAll(async () => {
  if (!available) return;
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

/** Runs the same sequence on both and returns [fleet, moto]. Each test uses its own secret name. */
async function onBoth<T>(sequence: (sm: SecretsManagerClient) => Promise<T>): Promise<[T, T]> {
  const { fleet: onFleet, moto: onMoto } = clients;
  if (!onFleet || !onMoto) throw new Error("clients not started");
  return [await sequence(onFleet), await sequence(onMoto)];
}

/** VersionIdsToStages without empty lists: moto keeps unlabelled versions as `[]`, the service drops them. */
async function labelledStages(sm: SecretsManagerClient, secretId: string): Promise<Record<string, string[]>> {
  const described = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  const map = described.VersionIdsToStages ?? {};
  return Object.fromEntries(
    Object.entries(map)
      .filter(([, stages]) => stages.length > 0)
      .map(([id, stages]) => [id, [...stages].sort()]),
  );
}

/** GetSecretValue by stage, always passing VersionStage (moto returns a stale version without it). */
async function valueAt(sm: SecretsManagerClient, secretId: string, stage: string): Promise<Outcome> {
  return outcome(async () => {
    const got = await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    return {
      VersionId: got.VersionId,
      SecretString: got.SecretString,
      VersionStages: [...(got.VersionStages ?? [])].sort(),
    };
  });
}

describe.runIf(available)("fleet Secrets Manager versus moto_server", () => {
  let name = "";
  let counter = 0;
  beforeEach(() => {
    counter += 1;
    name = `compare/secret-${counter}`;
  });

  it("moves AWSCURRENT and AWSPREVIOUS the same way on PutSecretValue without VersionStages", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      await sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: "v2", ClientRequestToken: T(2) }),
      );
      await sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: "v3", ClientRequestToken: T(3) }),
      );
      return {
        stages: await labelledStages(sm, name),
        current: await valueAt(sm, name, "AWSCURRENT"),
        previous: await valueAt(sm, name, "AWSPREVIOUS"),
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.stages).toEqual({ [T(2)]: ["AWSPREVIOUS"], [T(3)]: ["AWSCURRENT"] });
  });

  it("agrees on AWSPENDING puts and on UpdateSecretVersionStage moving AWSCURRENT with AWSPREVIOUS following", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      const put = await sm.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: "v2",
          ClientRequestToken: T(2),
          VersionStages: ["AWSPENDING"],
        }),
      );
      const afterPut = {
        stages: await labelledStages(sm, name),
        pending: await valueAt(sm, name, "AWSPENDING"),
      };
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: T(2),
          RemoveFromVersionId: T(1),
        }),
      );
      return {
        putStages: put.VersionStages,
        afterPut,
        afterMove: await labelledStages(sm, name),
        current: await valueAt(sm, name, "AWSCURRENT"),
        previous: await valueAt(sm, name, "AWSPREVIOUS"),
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.afterMove).toEqual({ [T(1)]: ["AWSPREVIOUS"], [T(2)]: ["AWSCURRENT", "AWSPENDING"] });
  });

  it("raises the same error types for bad stage moves", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      await sm.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: "v2",
          ClientRequestToken: T(2),
          VersionStages: ["AWSPENDING"],
        }),
      );
      const move = (input: { MoveToVersionId?: string; RemoveFromVersionId?: string }) =>
        outcome(() =>
          sm.send(
            new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: "AWSCURRENT", ...input }),
          ),
        );
      const withoutRemoveFrom = await move({ MoveToVersionId: T(2) });
      const wrongRemoveFrom = await move({ MoveToVersionId: T(1), RemoveFromVersionId: T(2) });
      const unchanged = await labelledStages(sm, name);
      // Last: moto strips the label from RemoveFromVersionId before it rejects the unknown MoveToVersionId.
      const unknownTarget = await move({ MoveToVersionId: T(9), RemoveFromVersionId: T(1) });
      return { withoutRemoveFrom, wrongRemoveFrom, unchanged, unknownTarget };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.withoutRemoveFrom).toEqual({ error: "InvalidParameterException" });
  });

  it("treats a reused ClientRequestToken the same way: a retry with the same value, an error with another", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      const createAgain = await outcome(async () => {
        const created = await sm.send(
          new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }),
        );
        return { Name: created.Name, VersionId: created.VersionId };
      });
      const createClash = await outcome(() =>
        sm.send(new CreateSecretCommand({ Name: name, SecretString: "other" })),
      );
      await sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: "v2", ClientRequestToken: T(2) }),
      );
      const putAgain = await outcome(async () => {
        const put = await sm.send(
          new PutSecretValueCommand({ SecretId: name, SecretString: "v2", ClientRequestToken: T(2) }),
        );
        return { VersionId: put.VersionId, VersionStages: put.VersionStages };
      });
      const putClash = await outcome(() =>
        sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: "v9", ClientRequestToken: T(2) })),
      );
      return { createAgain, createClash, putAgain, putClash, stages: await labelledStages(sm, name) };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.putClash).toEqual({ error: "ResourceExistsException" });
  });

  it("raises the same error types for missing secrets, missing stages and a stage that does not match the VersionId", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
      const get = (input: { SecretId: string; VersionId?: string; VersionStage?: string }) =>
        outcome(() => sm.send(new GetSecretValueCommand(input)));
      return {
        unknownSecret: await get({ SecretId: `${name}-missing`, VersionStage: "AWSCURRENT" }),
        unknownStage: await get({ SecretId: name, VersionStage: "AWSPENDING" }),
        mismatch: await get({ SecretId: name, VersionId: T(1), VersionStage: "AWSPREVIOUS" }),
      };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.mismatch).toEqual({ error: "InvalidRequestException" });
  });

  it("finds a secret by partial ARN and lists the same versions", async () => {
    const [onFleet, onMoto] = await onBoth(async (sm) => {
      const created = await sm.send(
        new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }),
      );
      for (const n of [2, 3]) {
        await sm.send(
          new PutSecretValueCommand({ SecretId: name, SecretString: `v${n}`, ClientRequestToken: T(n) }),
        );
      }
      const partialArn = String(created.ARN).slice(0, -7);
      const described = await sm.send(new DescribeSecretCommand({ SecretId: partialArn }));
      // moto ignores IncludeDeprecated/MaxResults and stamps every CreatedDate with the call time:
      // compare only which versions carry which labels, with deprecated ones included on both.
      const listed = await sm.send(
        new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }),
      );
      const versions = (listed.Versions ?? [])
        .map((version) => `${version.VersionId}:${[...(version.VersionStages ?? [])].sort().join(",")}`)
        .sort();
      return { name: described.Name, versions };
    });
    expect(onFleet).toEqual(onMoto);
    expect(onFleet.versions).toEqual([`${T(1)}:`, `${T(2)}:AWSPREVIOUS`, `${T(3)}:AWSCURRENT`]);
  });

  // Not compared, because moto is unfaithful there (docs/cross-check-tools.md): GetSecretValue without
  // VersionStage after UpdateSecretVersionStage, per-version CreatedDate, and RotateSecret (its
  // in-progress check is inverted and, without a Lambda, it moves AWSCURRENT without AWSPREVIOUS).
  it("returns the new AWSCURRENT without VersionStage after UpdateSecretVersionStage (fleet only)", async () => {
    const sm = clients.fleet as SecretsManagerClient;
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: T(1) }));
    await sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: "v2",
        ClientRequestToken: T(2),
        VersionStages: ["AWSPENDING"],
      }),
    );
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: T(2),
        RemoveFromVersionId: T(1),
      }),
    );
    const got = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    expect(got.VersionId).toBe(T(2));
    expect(got.CreatedDate).toBeInstanceOf(Date);
  });
});

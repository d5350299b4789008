import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { afterEach, describe, expect, it } from "vitest";
import { AwsServiceError, type ServiceApi } from "../../../fleet/contracts.js";
import { type FleetServer, startFleetServer } from "../../../fleet/server.js";
import { createCallLog } from "../../../fleet/server-call-log.js";
import { createFaultInjector } from "../../../fleet/server-faults.js";

const echo: ServiceApi = {
  targetPrefix: "AmazonEC2ContainerServiceV20141113",
  operations: {
    ListClusters: () => ({ clusterArns: [] }),
    Echo: (input) => ({ got: input }),
    Fail: () => {
      throw new AwsServiceError("ClusterNotFoundException", "Cluster not found.");
    },
    Crash: () => {
      throw new Error("bug with a detail that must not leak");
    },
  },
};

let server: FleetServer | undefined;
const callLog = createCallLog();
const faults = createFaultInjector(() => 0);

afterEach(async () => {
  await server?.close();
  server = undefined;
  callLog.clear();
  faults.clear();
});

async function post(target: string, body: unknown) {
  server ??= await startFleetServer({ services: [echo], faults, callLog });
  const response = await fetch(server.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": target,
      authorization: "AWS4-HMAC-SHA256 anything",
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("fleet front door", () => {
  it("dispatches on X-Amz-Target, answers JSON 1.1 and accepts any credentials", async () => {
    const answer = await post("AmazonEC2ContainerServiceV20141113.Echo", { a: 1 });
    expect(answer).toMatchObject({ status: 200, body: { got: { a: 1 } } });
    expect(answer.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(server?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serialises AWS errors with __type, message, status and x-amzn-ErrorType", async () => {
    const answer = await post("AmazonEC2ContainerServiceV20141113.Fail", {});
    expect(answer).toMatchObject({
      status: 400,
      body: { __type: "ClusterNotFoundException", message: "Cluster not found." },
    });
    expect(answer.headers.get("x-amzn-errortype")).toBe("ClusterNotFoundException");
  });

  it("answers unknown operations and internal failures without leaking details", async () => {
    expect((await post("secretsmanager.GetSecretValue", {})).body.__type).toBe("UnknownOperationException");
    const crash = await post("AmazonEC2ContainerServiceV20141113.Crash", {});
    expect(crash).toMatchObject({
      status: 500,
      body: { __type: "ServerException", message: "Internal error" },
    });
  });

  it("records every call with its status and redacts secret values", async () => {
    await post("AmazonEC2ContainerServiceV20141113.Echo", { SecretString: "do-not-keep", Name: "n" });
    await post("AmazonEC2ContainerServiceV20141113.Fail", {});
    const entries = callLog.entries({ operation: "Echo" });
    expect(entries[0]).toMatchObject({
      service: echo.targetPrefix,
      input: { SecretString: "<redacted>", Name: "n" },
      status: 200,
    });
    expect(JSON.stringify(callLog.entries())).not.toContain("do-not-keep");
    expect(callLog.count({ operation: "Fail" })).toBe(1);
  });

  it("injects throttling and server errors per operation, the most specific key winning", async () => {
    faults.set("*", { serverErrorRate: 1 });
    faults.set("Echo", { throttleRate: 1, latencyMs: 5 });
    faults.set(`${echo.targetPrefix}.Fail`, { throttleRate: 0 });
    expect(await post("AmazonEC2ContainerServiceV20141113.Echo", {})).toMatchObject({
      status: 400,
      body: { __type: "ThrottlingException", message: "Rate exceeded" },
    });
    expect((await post("AmazonEC2ContainerServiceV20141113.ListClusters", {})).status).toBe(500);
    expect((await post("AmazonEC2ContainerServiceV20141113.Fail", {})).body.__type).toBe(
      "ClusterNotFoundException",
    );
  });

  it("makes the SDK see a retryable ThrottlingException", async () => {
    server = await startFleetServer({ services: [echo], faults, callLog });
    faults.set("ListClusters", { throttleRate: 1 });
    const client = new ECSClient({
      endpoint: server.endpoint,
      region: "eu-west-1",
      maxAttempts: 2,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    await expect(client.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    expect(callLog.count({ operation: "ListClusters" })).toBe(2);
    client.destroy();
  });
});

describe("fault keys", () => {
  it("accept the short service name ecs and a per-service wildcard", () => {
    const injector = createFaultInjector(() => 0);
    injector.set("ecs.*", { throttleRate: 1 });
    injector.set("ecs.DescribeTasks", { serverErrorRate: 1 });
    expect(injector.decide(echo.targetPrefix, "ListTasks").kind).toBe("throttle");
    expect(injector.decide(echo.targetPrefix, "DescribeTasks").kind).toBe("server-error");
    expect(injector.decide("secretsmanager", "GetSecretValue").kind).toBe("pass");
  });
});

describe("request bodies", () => {
  it("rejects bodies that are not a JSON object with SerializationException", async () => {
    expect((await post("AmazonEC2ContainerServiceV20141113.Echo", [1, 2])).body.__type).toBe(
      "SerializationException",
    );
  });
});

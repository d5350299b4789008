import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../../../lambda/adapters/aws/aws-clients.js";
import { createEcsAdapter } from "../../../../lambda/adapters/ecs/ecs-adapter.js";

const seen: { target: string | undefined; body: string; userAgent: string }[] = [];
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on("end", () => {
    seen.push({
      target: (request.headers as IncomingHttpHeaders)["x-amz-target"] as string | undefined,
      body,
      userAgent: String(request.headers["x-amz-user-agent"] ?? request.headers["user-agent"] ?? ""),
    });
    response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    response.end(JSON.stringify({ clusterArns: ["arn:aws:ecs:eu-west-1:123456789012:cluster/local"] }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  vi.stubEnv("AWS_ENDPOINT_URL_ECS", `http://127.0.0.1:${port}`);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test-only-not-a-real-secret");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createAwsClients", () => {
  it("makes one attempt per request, leaving every retry to the adapters' caller, in the region it is given", async () => {
    const { ecs, ec2, secrets } = createAwsClients({ region: "eu-west-1" });
    for (const client of [ecs, await ec2(), secrets]) {
      expect(await client.config.region()).toBe("eu-west-1");
      expect(await client.config.maxAttempts()).toBe(1);
    }
  });

  it("loads the EC2 client once, on first need", async () => {
    const { ec2 } = createAwsClients({ region: "eu-west-1" });
    expect(await ec2()).toBe(await ec2());
  });

  it("takes the endpoint from AWS_ENDPOINT_URL_ECS only, with no code path of its own", async () => {
    const { ecs } = createAwsClients({ region: "eu-west-1" });
    const clusters = await createEcsAdapter({ ecs }).listClusters();
    expect(clusters).toEqual(["arn:aws:ecs:eu-west-1:123456789012:cluster/local"]);
    expect(seen[0]?.target).toBe("AmazonEC2ContainerServiceV20141113.ListClusters");
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual({ maxResults: 100 });
    expect(seen[0]?.userAgent).toContain("ecs-rollout-verifier");
  });
});

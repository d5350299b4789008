import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { IssuerAnswer, IssuerRequest } from "../../../../../lambda/core/ports.js";
import type { IssuerSettings } from "../../../../../lambda/core/probes/issuer/issuer-settings.js";
import {
  type IssuerProbeContext,
  probeIssuers,
} from "../../../../../lambda/core/probes/issuer/probe-issuers.js";
import type { ProbeTarget } from "../../../../../lambda/core/probes/probe-run.js";
import { aTask } from "../../builders.js";

/** probeIssuers over whole targets: who is asked, what is sent, and which reports become findings. */

const taskArn = (name: string) => `arn:aws:ecs:eu-west-1:123456789012:task/prod/${name}`;

function target(
  name: string,
  issuerProbe: IssuerSettings | undefined,
  overrides: { lastStatus?: string; host?: string } = {},
): ProbeTarget {
  return {
    cluster: "prod",
    service: `svc-${name}`,
    task: aTask({ taskArn: taskArn(name), lastStatus: overrides.lastStatus ?? "RUNNING" }),
    settings: {
      scheme: "http",
      optedOut: false,
      ignoredTags: [],
      ...(issuerProbe ? { issuerProbe } : {}),
    },
    address: { kind: "resolved", host: overrides.host ?? "127.0.0.1", port: 8080 },
    key: { kind: "applies", secret: { variable: "JWT_SECRET", container: "app", chosenBy: "only" } },
  };
}

const sign = (secret: string, kid = "k") =>
  new SignJWT({ sub: "t" }).setProtectedHeader({ alg: "HS256", kid }).sign(new TextEncoder().encode(secret));

const ok = (body: string): IssuerAnswer => ({ kind: "answered", httpStatus: 200, body, latencyMs: 3 });

/** An issuer port answering by URL, recording every request it is sent. */
function issuerAnswering(answers: Record<string, IssuerAnswer>) {
  const sent: IssuerRequest[] = [];
  return {
    sent,
    issuer: {
      async fetch(request: IssuerRequest): Promise<IssuerAnswer> {
        sent.push(request);
        return answers[request.url] ?? { kind: "failed", reason: "refused", detail: "no such route" };
      },
    },
  };
}

function context(
  issuer: IssuerProbeContext["issuer"],
  overrides: Partial<IssuerProbeContext> = {},
): IssuerProbeContext {
  return {
    issuer,
    secretString: "current-secret",
    previousSecretString: "previous-secret",
    timeoutMs: 250,
    concurrency: 2,
    ...overrides,
  };
}

/** An RSA AWSCURRENT: a key a JWKS can publish. */
const rsaPem = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ format: "pem", type: "pkcs8" })
  .toString();

const tokenOnly: IssuerSettings = { issue: { path: "/token", method: "POST" } };

describe("probeIssuers: which tasks are asked", () => {
  it("asks only the tasks whose service declares an issuer probe, and reports only those", async () => {
    const { issuer, sent } = issuerAnswering({
      "http://127.0.0.1:8080/token": ok(await sign("current-secret")),
    });
    const results = await probeIssuers(context(issuer), [
      target("tagged", tokenOnly),
      target("untagged", undefined, { host: "127.0.0.2" }),
    ]);
    expect([...results.byTask.keys()]).toEqual([taskArn("tagged")]);
    expect(results.byTask.get(taskArn("tagged"))?.map((report) => report.match)).toEqual(["current"]);
    expect(sent.map((request) => request.url)).toEqual(["http://127.0.0.1:8080/token"]);
  });

  it("skips a task that is not RUNNING, one report per declared probe, without asking it", async () => {
    const { issuer, sent } = issuerAnswering({});
    const results = await probeIssuers(context(issuer), [
      target(
        "stopping",
        { jwksPath: "/jwks", issue: { path: "/token", method: "POST" } },
        { lastStatus: "DEACTIVATING" },
      ),
    ]);
    expect(results.byTask.get(taskArn("stopping"))).toEqual([
      { kind: "jwks", match: "skipped", detail: "not asked: the task is DEACTIVATING" },
      { kind: "token", match: "skipped", detail: "not asked: the task is DEACTIVATING" },
    ]);
    expect(sent).toEqual([]);
  });

  it("asks a RUNNING task (the lastStatus check does not skip it)", async () => {
    const { issuer, sent } = issuerAnswering({
      "http://127.0.0.1:8080/token": ok(await sign("current-secret")),
    });
    const results = await probeIssuers(context(issuer), [target("running", tokenOnly)]);
    expect(results.byTask.get(taskArn("running"))?.[0]?.match).toBe("current");
    expect(sent).toHaveLength(1);
  });

  it("asks only the probes the service declares: a token path alone sends no JWKS request", async () => {
    const { issuer, sent } = issuerAnswering({
      "http://127.0.0.1:8080/token": ok(await sign("current-secret")),
    });
    const results = await probeIssuers(context(issuer), [target("token-only", tokenOnly)]);
    expect(results.byTask.get(taskArn("token-only"))?.map((report) => report.kind)).toEqual(["token"]);
    expect(sent.map((request) => request.url)).toEqual(["http://127.0.0.1:8080/token"]);
  });

  it("asks a JWKS path alone with a GET and reports it", async () => {
    const { issuer, sent } = issuerAnswering({ "http://127.0.0.1:8080/jwks": ok('{"keys":[]}') });
    const results = await probeIssuers(context(issuer, { secretString: rsaPem }), [
      target("jwks-only", { jwksPath: "/jwks" }),
    ]);
    expect(results.byTask.get(taskArn("jwks-only"))).toMatchObject([
      { kind: "jwks", match: "neither", url: "http://127.0.0.1:8080/jwks" },
    ]);
    expect(sent).toEqual([{ url: "http://127.0.0.1:8080/jwks", method: "GET", timeoutMs: 250 }]);
  });

  it("asks nothing once the run's probing time is spent, and says so for each probe", async () => {
    const { issuer, sent } = issuerAnswering({});
    const results = await probeIssuers(context(issuer, { outOfTime: () => true }), [
      target("late", { jwksPath: "/jwks", issue: { path: "/token", method: "POST" } }),
    ]);
    expect(results.byTask.get(taskArn("late"))).toEqual([
      { kind: "jwks", match: "skipped", detail: "not asked: the run's probing time is spent" },
      { kind: "token", match: "skipped", detail: "not asked: the run's probing time is spent" },
    ]);
    expect(sent).toEqual([]);
  });

  it("asks both probes while time is left", async () => {
    const { issuer, sent } = issuerAnswering({
      "http://127.0.0.1:8080/jwks": ok('{"keys":[]}'),
      "http://127.0.0.1:8080/token": ok(await sign("current-secret")),
    });
    const results = await probeIssuers(context(issuer, { outOfTime: () => false }), [
      target("both", { jwksPath: "/jwks", issue: { path: "/token", method: "POST" } }),
    ]);
    // A shared (HMAC) secret: the JWKS probe is judged skipped, but it was asked.
    expect(results.byTask.get(taskArn("both"))?.map((report) => [report.kind, report.match])).toEqual([
      ["jwks", "skipped"],
      ["token", "current"],
    ]);
    expect(sent.map((request) => request.url)).toEqual([
      "http://127.0.0.1:8080/jwks",
      "http://127.0.0.1:8080/token",
    ]);
  });
});

describe("probeIssuers: the token request", () => {
  it("sends the tagged body and content type with the tagged method", async () => {
    const { issuer, sent } = issuerAnswering({});
    await probeIssuers(context(issuer), [
      target("form", {
        issue: {
          path: "/oauth/token",
          method: "POST",
          body: "grant_type=client_credentials&client_id=test",
          contentType: "application/x-www-form-urlencoded",
        },
      }),
    ]);
    expect(sent).toStrictEqual([
      {
        url: "http://127.0.0.1:8080/oauth/token",
        method: "POST",
        body: "grant_type=client_credentials&client_id=test",
        contentType: "application/x-www-form-urlencoded",
        timeoutMs: 250,
      },
    ]);
  });

  it("sends no body and no content type when none is tagged", async () => {
    const { issuer, sent } = issuerAnswering({});
    await probeIssuers(context(issuer), [target("bare", { issue: { path: "/token", method: "GET" } })]);
    expect(sent).toStrictEqual([{ url: "http://127.0.0.1:8080/token", method: "GET", timeoutMs: 250 }]);
    expect(Object.keys(sent[0] ?? {})).toEqual(["url", "method", "timeoutMs"]);
  });
});

describe("probeIssuers: findings", () => {
  it("raises a critical finding for a token signed with neither version's key, and only for that", async () => {
    const { issuer } = issuerAnswering({
      "http://127.0.0.1:8080/token": ok(await sign("current-secret")),
      "http://127.0.0.2:8080/token": ok(await sign("previous-secret")),
      "http://127.0.0.3:8080/token": ok(await sign("rogue-secret")),
      "http://127.0.0.4:8080/jwks": ok('{"keys":[]}'),
    });
    const results = await probeIssuers(context(issuer, { secretString: "current-secret" }), [
      target("current", tokenOnly, { host: "127.0.0.1" }),
      target("previous", tokenOnly, { host: "127.0.0.2" }),
      target("rogue", tokenOnly, { host: "127.0.0.3" }),
    ]);
    expect([...results.byTask.values()].map((reports) => reports.map((report) => report.match))).toEqual([
      ["current"],
      ["previous"],
      ["neither"],
    ]);
    expect(results.findings).toEqual([
      {
        severity: "critical",
        kind: "signs-with-unknown-key",
        cluster: "prod",
        service: "svc-rogue",
        taskArn: taskArn("rogue"),
        url: "http://127.0.0.3:8080/token",
      },
    ]);
  });

  it("raises no finding for a key set that publishes neither key: only an issued token proves the signing key", async () => {
    const { issuer } = issuerAnswering({ "http://127.0.0.1:8080/jwks": ok('{"keys":[]}') });
    const results = await probeIssuers(
      context(issuer, { secretString: rsaPem, previousSecretString: null }),
      [target("jwks", { jwksPath: "/jwks" })],
    );
    expect(results.byTask.get(taskArn("jwks"))?.[0]?.match).toBe("neither");
    expect(results.findings).toEqual([]);
  });
});

describe("probeIssuers: the AWSPREVIOUS key", () => {
  it("treats an AWSPREVIOUS identical to AWSCURRENT as absent", async () => {
    const { issuer } = issuerAnswering({ "http://127.0.0.1:8080/token": ok(await sign("other-secret")) });
    const results = await probeIssuers(
      context(issuer, { secretString: "same-secret", previousSecretString: "same-secret" }),
      [target("rogue", tokenOnly)],
    );
    const [report] = results.byTask.get(taskArn("rogue")) ?? [];
    expect(report?.match).toBe("neither");
    expect(report?.detail).toContain("nor AWSPREVIOUS (absent or identical)");
  });

  it("proves a token signed with a distinct AWSPREVIOUS key is previous", async () => {
    const { issuer } = issuerAnswering({ "http://127.0.0.1:8080/token": ok(await sign("previous-secret")) });
    const results = await probeIssuers(context(issuer), [target("lagging", tokenOnly)]);
    expect(results.byTask.get(taskArn("lagging"))?.[0]?.match).toBe("previous");
  });

  it("imports each version's key once for all the tasks that read the same field", async () => {
    const { issuer } = issuerAnswering({});
    let reads = 0;
    const counting = {
      ...context(issuer),
      get secretString() {
        reads += 1;
        return "current-secret";
      },
    };
    await probeIssuers(counting, [
      target("a", tokenOnly, { host: "127.0.0.1" }),
      target("b", tokenOnly, { host: "127.0.0.2" }),
      target("c", tokenOnly, { host: "127.0.0.3" }),
    ]);
    expect(reads).toBe(1);
  });
});

describe("probeIssuers: a failed answer", () => {
  it("keeps the latency a failed answer reports, and adds none when it has none", async () => {
    const { issuer } = issuerAnswering({
      "http://127.0.0.1:8080/token": {
        kind: "failed",
        reason: "timeout",
        detail: "no answer in 250 ms",
        latencyMs: 250,
      },
      "http://127.0.0.2:8080/token": { kind: "failed", reason: "refused", detail: "ECONNREFUSED" },
    });
    const results = await probeIssuers(context(issuer), [
      target("slow", tokenOnly, { host: "127.0.0.1" }),
      target("down", tokenOnly, { host: "127.0.0.2" }),
    ]);
    expect(results.byTask.get(taskArn("slow"))).toStrictEqual([
      {
        kind: "token",
        match: "failed",
        url: "http://127.0.0.1:8080/token",
        latencyMs: 250,
        detail: "timeout: no answer in 250 ms",
      },
    ]);
    expect(results.byTask.get(taskArn("down"))).toStrictEqual([
      { kind: "token", match: "failed", url: "http://127.0.0.2:8080/token", detail: "refused: ECONNREFUSED" },
    ]);
  });
});

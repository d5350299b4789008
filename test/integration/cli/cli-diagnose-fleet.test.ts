import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Fleet } from "../../../fleet/start-fleet.js";
import { cli, keys, printed, startOnCallFleet, tokens } from "./on-call-fleet.js";

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startOnCallFleet();
  vi.stubEnv("AWS_ENDPOINT_URL", fleet.endpoint);
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "fleet");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fleet");
  vi.stubEnv("AWS_PROFILE", "");
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await fleet?.stop();
});

/** The numbered cause lines of diagnose's text output: `  1. [code]  summary`. */
function causeCodes(out: string): string[] {
  return [...out.matchAll(/^ {2}\d+\. \[([a-z-]+)\]/gm)].map((match) => match[1] ?? "");
}

describe("diagnose on the fleet ranks the real cause first and prints the README's codes", () => {
  it("an expired token signed by AWSCURRENT: expired first, the current key last and not called fine", async () => {
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt"], await tokens.expired());
    expect(code).toBe(1);
    expect(causeCodes(out)).toEqual(["expired", "signed-by-current"]);
    expect(out).toContain("the key is not the problem");
    expect(out).not.toContain("still holds the previous key");
  });

  it("a token for the wrong audience: audience-mismatch first", async () => {
    const token = await tokens.wrongAudience();
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt", "--audience", "orders"], token);
    expect(code).toBe(1);
    expect(causeCodes(out)).toEqual(["audience-mismatch", "signed-by-current"]);
  });

  it("an unsigned token: alg-none, a security finding", async () => {
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt"], tokens.algNone());
    expect(code).toBe(1);
    expect(causeCodes(out)[0]).toBe("alg-none");
  });

  it("HS256 signed with the RSA public key's PEM: a suspected forgery, ranked first", async () => {
    const { code, out } = await cli(
      ["diagnose", "--secret-id", "prod/rsa"],
      await tokens.hs256WithPublicPem(),
    );
    expect(code).toBe(1);
    expect(causeCodes(out)).toEqual(["hmac-with-key-pair", "signed-by-current"]);
    expect(out).toMatch(/1\. \[hmac-with-key-pair\] {2}FORGERY SUSPECTED: .*algorithm confusion/);
  });

  it("a token signed with the previous key: a stale issuer", async () => {
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt"], await tokens.previousKey());
    expect(code).toBe(1);
    expect(causeCodes(out)).toEqual(["signed-by-previous"]);
  });

  it("a good token pasted as a whole Authorization header line: signed-by-current alone, exit 0", async () => {
    const line = `Authorization: Bearer ${await tokens.good()}\n`;
    const { code, out } = await cli(["diagnose", "--secret-id", "prod/jwt", "--audience", "orders"], line);
    expect(code).toBe(0);
    expect(causeCodes(out)).toEqual(["signed-by-current"]);
  });
});

describe("what the CLI printed", () => {
  it("printed no key material or token in any test above", async () => {
    const secrets = [
      keys.previous,
      keys.current,
      keys.ledger,
      ...keys.rsaPrivatePem.split("\n").slice(1, 3),
      ...keys.ed25519Pem.split("\n").slice(1, 2),
      (await tokens.good()).split(".")[2] ?? "",
    ];
    for (const output of printed) for (const secret of secrets) expect(output).not.toContain(secret);
  });
});

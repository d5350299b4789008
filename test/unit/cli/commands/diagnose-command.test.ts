import { describe, expect, it } from "vitest";
import { runCli } from "../../../../bin/cli.js";
import { bufferIo } from "../buffer-io.js";
import {
  algNoneToken,
  goodClaims,
  hsToken,
  keyPair,
  paddedStandardBase64Token,
  rsToken,
  secrets,
} from "../crafted-tokens.js";
import { memorySecrets } from "../memory-secrets.js";
import { fakeDeps } from "./fake-deps.js";

const shared = fakeDeps(
  memorySecrets("prod/jwt", [
    { versionId: "v2", stages: ["AWSCURRENT"], secretString: secrets.current },
    { versionId: "v1", stages: ["AWSPREVIOUS"], secretString: secrets.previous },
    { versionId: "v3", stages: ["AWSPENDING"], secretString: secrets.pending },
  ]),
);
const mangledPem = keyPair.privatePem.trim().replace(/\n/g, "\\n");
const pair = fakeDeps(
  memorySecrets("prod/rsa", [{ versionId: "k1", stages: ["AWSCURRENT"], secretString: keyPair.privatePem }]),
);
const mangled = fakeDeps(
  memorySecrets("prod/rsa", [{ versionId: "k1", stages: ["AWSCURRENT"], secretString: mangledPem }]),
);

const seen: { token: string; output: string }[] = [];

async function diagnose(deps: typeof shared, secretId: string, token: string, ...extra: string[]) {
  const buffers = bufferIo({ stdin: token });
  const code = await runCli(["diagnose", "--secret-id", secretId, ...extra], buffers.io, deps);
  const output = buffers.stdout() + buffers.stderr();
  seen.push({ token, output });
  return { code, output };
}

async function causesOf(deps: typeof shared, secretId: string, token: string, ...extra: string[]) {
  const { code, output } = await diagnose(deps, secretId, token, "--json", ...extra);
  const parsed = JSON.parse(output) as { causes: { code: string }[]; signedBy: { stages: string[] } | null };
  return { code, causes: parsed.causes.map((cause) => cause.code), signedBy: parsed.signedBy };
}

describe("diagnose command", () => {
  it("exits 0 and names AWSCURRENT for a token the current key signed", async () => {
    const { code, output } = await diagnose(shared, "prod/jwt", await hsToken(secrets.current));
    expect(code).toBe(0);
    expect(output).toMatch(/Signed by\s+AWSCURRENT \(version v2/);
  });

  it("blames a stale issuer for a token signed with AWSPREVIOUS", async () => {
    const result = await causesOf(shared, "prod/jwt", await hsToken(secrets.previous));
    expect(result).toMatchObject({
      code: 1,
      causes: ["signed-by-previous"],
      signedBy: { stages: ["AWSPREVIOUS"] },
    });
  });

  it("spots an HS256 token signed with the public key PEM of a key-pair secret", async () => {
    const result = await causesOf(pair, "prod/rsa", await hsToken(keyPair.publicPem));
    expect(result.causes).toContain("hmac-with-key-pair");
  });

  it("verifies against a mangled PEM after normalising it, and says so", async () => {
    const { code, output } = await diagnose(mangled, "prod/rsa", await rsToken());
    expect(code).toBe(1);
    expect(output).toContain("mangled line breaks");
  });

  it("explains a token with standard base64 padding as an encoding fault", async () => {
    expect((await causesOf(shared, "prod/jwt", paddedStandardBase64Token(secrets.current))).causes).toContain(
      "token-encoding",
    );
  });

  it("flags alg none as unsigned", async () => {
    expect((await causesOf(shared, "prod/jwt", algNoneToken())).causes[0]).toBe("alg-none");
  });

  it("reports issuer and audience mismatches against --issuer and --audience", async () => {
    const result = await causesOf(
      shared,
      "prod/jwt",
      await hsToken(secrets.current),
      "--issuer",
      "https://x",
      "--audience",
      "billing",
    );
    expect(result.causes).toEqual(["issuer-mismatch", "audience-mismatch", "signed-by-current"]);
  });

  it("prints the README's cause codes in the text output, most urgent first", async () => {
    const expired = await hsToken(secrets.current, { ...goodClaims, exp: goodClaims.iat - 60 });
    const { code, output } = await diagnose(shared, "prod/jwt", expired);
    expect(code).toBe(1);
    const numbered = output.split("\n").filter((line) => /^ {2}\d\. /.test(line));
    expect(numbered).toEqual([
      expect.stringMatching(/^ {2}1\. \[expired\] {2}The token expired 60 s ago\./),
      expect.stringMatching(/^ {2}2\. \[signed-by-current\] {2}The signature verifies with the current key/),
    ]);
    expect(output).toContain("Likely causes, most urgent first");
  });

  it("accepts a whole Authorization header line as pasted from a request log", async () => {
    const token = await hsToken(secrets.current);
    const { code, output } = await diagnose(shared, "prod/jwt", `Authorization: Bearer ${token}\n`);
    expect(code).toBe(0);
    expect(output).toMatch(/1\. \[signed-by-current\]/);
  });

  it("exits 3 naming the secret when it does not exist", async () => {
    const { code, output } = await diagnose(shared, "prod/missing", await hsToken(secrets.current));
    expect(code).toBe(3);
    expect(output).toContain("prod/missing");
  });

  it("printed no secret value, private key or full token in any case above", () => {
    const forbidden = [
      secrets.current,
      secrets.previous,
      secrets.pending,
      ...keyPair.privatePem.split("\n").slice(1, 3),
    ];
    for (const { token, output } of seen) {
      for (const value of [...forbidden, token.trim(), token.split(".")[2] ?? ""].filter(
        (value) => value.length > 8,
      )) {
        expect(output).not.toContain(value);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(8);
  });
});

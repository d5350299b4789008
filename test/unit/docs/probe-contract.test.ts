import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { createHttpProbe } from "../../../lambda/adapters/probe-http/http-probe.js";
import { importSigningKey } from "../../../lambda/core/probes/keys/signing-key.js";
import {
  DEFAULT_PROBE_SUBJECT,
  PROBE_TOKEN_LIFETIME_SECONDS,
  signProbeToken,
} from "../../../lambda/core/probes/probe-token.js";

const page = readFileSync(join(resolve(import.meta.dirname, "../../.."), "docs/probe-contract.md"), "utf8");
const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(page)?.[1] ?? "{}") as {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
};

describe("docs/probe-contract.md, against the code", () => {
  it("lists exactly the claims the verifier signs: sub, iat, exp 60 s later, jti, and iss/aud only when asked", async () => {
    const key = await importSigningKey("probe-contract-shared-secret-0123456789");
    const now = new Date((documented.payload.iat as number) * 1000);
    const bare = decodeJwt(await signProbeToken(key, {}, now));
    const full = decodeJwt(await signProbeToken(key, { issuer: "i", audience: "a" }, now));
    expect(Object.keys(full).sort()).toEqual(Object.keys(documented.payload).sort());
    expect(Object.keys(bare).sort()).toEqual(["exp", "iat", "jti", "sub"]);
    expect(bare).toMatchObject({
      sub: documented.payload.sub,
      iat: documented.payload.iat,
      exp: documented.payload.exp,
    });
    expect(DEFAULT_PROBE_SUBJECT).toBe(documented.payload.sub);
    expect((documented.payload.exp as number) - (documented.payload.iat as number)).toBe(
      PROBE_TOKEN_LIFETIME_SECONDS,
    );
    expect(page).toContain(`The lifetime is ${PROBE_TOKEN_LIFETIME_SECONDS} seconds.`);
    expect(bare.jti).not.toBe(full.jti);
    const header = decodeProtectedHeader(await signProbeToken(key, {}, now));
    expect(header).toEqual({ alg: documented.header.alg, typ: documented.header.typ });
  });

  it("sends one GET with the bearer token, counts any 2xx as accepted, 401/403 as rejected, others unexpected", async () => {
    const seen: { method?: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((request, response) => {
      seen.push({ method: request.method, headers: request.headers });
      const status = Number(request.url?.slice(1));
      response.writeHead(status, status === 302 ? { location: "/login" } : {});
      response.end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    const probe = createHttpProbe();
    const statusOf = async (code: number) =>
      (
        await probe.probe({
          url: `http://127.0.0.1:${port}/${code}`,
          authorization: "Bearer t.t.t",
          timeoutMs: 2_000,
        })
      ).status;
    try {
      expect(await statusOf(200)).toBe("accepted");
      expect(await statusOf(204)).toBe("accepted");
      expect(await statusOf(401)).toBe("rejected");
      expect(await statusOf(403)).toBe("rejected");
      expect(await statusOf(302)).toBe("unexpected");
      expect(await statusOf(404)).toBe("unexpected");
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
    expect(seen).toHaveLength(6);
    for (const request of seen) {
      expect(request.method).toBe("GET");
      expect(request.headers.authorization).toBe("Bearer t.t.t");
      expect(request.headers.accept).toBe("*/*");
    }
    expect(page).toContain("**Method**: `GET`");
    expect(page).toContain("any `2xx` status");
    expect(page).toContain("**Rejected**: `401` or `403`");
  });
});

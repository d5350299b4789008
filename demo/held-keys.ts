import { jwtVerify, SignJWT } from "jose";
import type { TaskEndpoint } from "../fleet/task-endpoints.js";

/** Which signing key a task verifies with, as seen from outside: what a user's request would meet. */
export type HeldKey = "old" | "new" | "both" | "neither" | "starting";

/** An HS256 token like the ones users present, signed with `key` (never printed). */
export function signUserToken(key: string): Promise<string> {
  return new SignJWT({ sub: "demo-user" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(new TextEncoder().encode(key));
}

/**
 * Asks each task directly (its loopback address) whether it accepts a token signed with the old key
 * and one signed with the new key. Independent of the verifier: the demo's own evidence.
 */
export async function heldKeys(
  tasks: readonly TaskEndpoint[],
  path: string,
  keys: { readonly old: string; readonly new: string },
): Promise<HeldKey[]> {
  const [oldToken, newToken] = await Promise.all([signUserToken(keys.old), signUserToken(keys.new)]);
  return Promise.all(
    tasks.map(async (task) => {
      const [acceptsOld, acceptsNew] = await Promise.all([
        accepts(task.url, path, oldToken),
        accepts(task.url, path, newToken),
      ]);
      if (acceptsOld === null && acceptsNew === null) return "starting";
      if (acceptsOld && acceptsNew) return "both";
      if (acceptsOld) return "old";
      return acceptsNew ? "new" : "neither";
    }),
  );
}

/** True when the task accepts the token, false when it answers otherwise, null when it does not answer yet. */
async function accepts(baseUrl: string, path: string, token: string): Promise<boolean | null> {
  const url = new URL(path, baseUrl);
  if (!url.hostname.startsWith("127.")) throw new Error(`the demo only talks to loopback, not ${url.host}`);
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return null;
  }
}

/**
 * Asks each issuer task directly (its loopback address) for a token, as a client of the auth service
 * would, and checks its HS256 signature with the new key and the old one: which key it signs with.
 * Independent of the verifier. The token is checked here and dropped, never printed.
 */
export async function issuingKeys(
  tasks: readonly TaskEndpoint[],
  path: string,
  body: string,
  keys: { readonly old: string; readonly new: string },
): Promise<HeldKey[]> {
  return Promise.all(
    tasks.map(async (task) => {
      const token = await issuedToken(task.url, path, body);
      if (token === null) return "starting";
      if (await verifies(token, keys.new)) return "new";
      return (await verifies(token, keys.old)) ? "old" : "neither";
    }),
  );
}

async function issuedToken(baseUrl: string, path: string, body: string): Promise<string | null> {
  const url = new URL(path, baseUrl);
  if (!url.hostname.startsWith("127.")) throw new Error(`the demo only talks to loopback, not ${url.host}`);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(2_000),
    });
    const answer = (await response.json()) as { access_token?: unknown };
    return response.ok && typeof answer.access_token === "string" ? answer.access_token : null;
  } catch {
    return null;
  }
}

async function verifies(token: string, key: string): Promise<boolean> {
  try {
    await jwtVerify(token, new TextEncoder().encode(key), { algorithms: ["HS256"] });
    return true;
  } catch {
    return false;
  }
}

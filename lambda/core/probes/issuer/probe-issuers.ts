import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, type JWK } from "jose";
import { KeyMaterialError } from "../../../errors.js";
import { formatAddress } from "../../consumers/resolve-task-address.js";
import { mapConcurrent } from "../../map-concurrent.js";
import type { IssuerAnswer, IssuerPort } from "../../ports.js";
import { boundText } from "../../report/bound-text.js";
import {
  IssuerKeyMatch,
  type IssuerProbeReport,
  type SecurityFinding,
  SecurityFindingKind,
} from "../../report/report.js";
import type { ProbeTarget } from "../probe-run.js";
import { type IssuerKey, issuerKeyOf } from "./issuer-keys.js";

/** What the issuer probes need: the port, AWSCURRENT/AWSPREVIOUS material (never logged), limits. */
export interface IssuerProbeContext {
  readonly issuer: IssuerPort;
  readonly secretString: string;
  readonly previousSecretString: string | null;
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** True once the run's probing time is spent: tasks not yet asked are skipped. @default never */
  readonly outOfTime?: () => boolean;
}

/** Issuer reports by task ARN, and the findings of tokens signed with neither version's key. */
export interface IssuerResults {
  readonly byTask: ReadonlyMap<string, readonly IssuerProbeReport[]>;
  readonly findings: readonly SecurityFinding[];
}

interface KeyPair {
  readonly current: IssuerKey | KeyMaterialError;
  readonly previous: IssuerKey | null;
}

/** The most key ids a report lists, and the longest one it keeps. */
const MAX_KIDS = 10;
const MAX_KID_LENGTH = 64;
/** The most JWKS entries compared: a key set is a handful of keys. */
const MAX_JWKS_KEYS = 50;

/**
 * Asks every target whose service declares an issuer probe which key it signs with: its JWKS
 * (`jwks-path`: does it publish AWSCURRENT's public key, or only AWSPREVIOUS's?) and a token it
 * issues to the service's test principal (`issue-path`: does its signature verify with AWSCURRENT,
 * else AWSPREVIOUS?). Only the task's own address, as ECS reports it, is contacted. Tokens and keys
 * stay in this function: reports carry `kid`s, `alg`s and fingerprints only. A token signed with
 * neither version's key is a finding.
 */
export async function probeIssuers(
  context: IssuerProbeContext,
  targets: readonly ProbeTarget[],
): Promise<IssuerResults> {
  const pairs = new Map<string, Promise<KeyPair>>();
  const keysFor = (jsonKey: string | undefined): Promise<KeyPair> => {
    let pair = pairs.get(jsonKey ?? "");
    if (!pair) {
      pair = importPair(context, jsonKey);
      pairs.set(jsonKey ?? "", pair);
    }
    return pair;
  };
  const wanted = targets.filter((target) => target.settings.issuerProbe !== undefined);
  const findings: SecurityFinding[] = [];
  const outcomes = await mapConcurrent(wanted, context.concurrency, async (target) => {
    const reports = await probeIssuer(context, target, keysFor);
    for (const report of reports)
      if (report.kind === "token" && report.match === IssuerKeyMatch.Neither && report.url)
        findings.push({
          severity: "critical",
          kind: SecurityFindingKind.SignsWithUnknownKey,
          cluster: target.cluster,
          service: target.service,
          taskArn: target.task.taskArn,
          url: report.url,
        });
    return [target.task.taskArn, reports] as const;
  });
  return { byTask: new Map(outcomes), findings };
}

async function importPair(context: IssuerProbeContext, jsonKey: string | undefined): Promise<KeyPair> {
  const current = await issuerKeyOf(context.secretString, jsonKey);
  if (current instanceof KeyMaterialError || context.previousSecretString === null)
    return { current, previous: null };
  const previous = await issuerKeyOf(context.previousSecretString, jsonKey);
  const differs = !(previous instanceof KeyMaterialError) && previous.fingerprint !== current.fingerprint;
  return { current, previous: differs ? previous : null };
}

async function probeIssuer(
  context: IssuerProbeContext,
  target: ProbeTarget,
  keysFor: (jsonKey: string | undefined) => Promise<KeyPair>,
): Promise<IssuerProbeReport[]> {
  const settings = target.settings.issuerProbe;
  if (!settings) return [];
  const kinds: ("jwks" | "token")[] = [
    ...(settings.jwksPath ? (["jwks"] as const) : []),
    ...(settings.issue ? (["token"] as const) : []),
  ];
  const skip = (detail: string) => kinds.map((kind) => ({ kind, match: IssuerKeyMatch.Skipped, detail }));
  const { task, address } = target;
  if (task.lastStatus !== "RUNNING") return skip(`not asked: the task is ${task.lastStatus}`);
  if (address.kind === "unresolved") return skip(`not asked: ${address.reason}`);
  const jsonKey = target.key.kind === "applies" ? target.key.secret.jsonKey : undefined;
  const keys = await keysFor(jsonKey);
  if (keys.current instanceof KeyMaterialError)
    return skip("not asked: the AWSCURRENT key material cannot verify an issuer's keys");
  const current = keys.current;
  const origin = `${target.settings.scheme}://${formatAddress(address.host, address.port)}`;
  const reports: IssuerProbeReport[] = [];
  if (settings.jwksPath) {
    if (context.outOfTime?.()) reports.push(outOfTime("jwks"));
    else {
      const url = `${origin}${settings.jwksPath}`;
      const answer = await context.issuer.fetch({ url, method: "GET", timeoutMs: context.timeoutMs });
      reports.push(await judgeJwks(url, answer, current, keys.previous));
    }
  }
  if (settings.issue) {
    if (context.outOfTime?.()) reports.push(outOfTime("token"));
    else {
      const url = `${origin}${settings.issue.path}`;
      const answer = await context.issuer.fetch({
        url,
        method: settings.issue.method,
        ...(settings.issue.body === undefined ? {} : { body: settings.issue.body }),
        ...(settings.issue.contentType === undefined ? {} : { contentType: settings.issue.contentType }),
        timeoutMs: context.timeoutMs,
      });
      reports.push(await judgeToken(url, answer, current, keys.previous));
    }
  }
  return reports;
}

function outOfTime(kind: "jwks" | "token"): IssuerProbeReport {
  return { kind, match: IssuerKeyMatch.Skipped, detail: "not asked: the run's probing time is spent" };
}

/** A failed or non-2xx answer: why, with nothing of the body. */
function unanswered(
  kind: "jwks" | "token",
  url: string,
  answer: IssuerAnswer,
): IssuerProbeReport | undefined {
  if (answer.kind === "failed")
    return {
      kind,
      match: IssuerKeyMatch.Failed,
      url,
      ...(answer.latencyMs === undefined ? {} : { latencyMs: answer.latencyMs }),
      detail: `${answer.reason}: ${boundText(answer.detail, 120)}`,
    };
  if (answer.httpStatus >= 200 && answer.httpStatus <= 299) return undefined;
  return {
    kind,
    match: IssuerKeyMatch.Failed,
    url,
    httpStatus: answer.httpStatus,
    latencyMs: answer.latencyMs,
    detail: `HTTP ${answer.httpStatus}, expected 2xx`,
  };
}

/**
 * Compares a key set with AWSCURRENT's and AWSPREVIOUS's public keys by RFC 7638 thumbprint (a
 * `kid` is only a label): publishing AWSCURRENT's is `current` (AWSPREVIOUS's beside it is the
 * rotation's overlap), only AWSPREVIOUS's is `previous`, neither is `neither` with the key ids seen.
 */
export async function judgeJwks(
  url: string,
  answer: IssuerAnswer,
  current: IssuerKey,
  previous: IssuerKey | null,
): Promise<IssuerProbeReport> {
  const failed = unanswered("jwks", url, answer);
  if (failed || answer.kind !== "answered") return failed as IssuerProbeReport;
  const base = { kind: "jwks" as const, url, httpStatus: answer.httpStatus, latencyMs: answer.latencyMs };
  if (current.kind === "shared")
    return {
      ...base,
      match: IssuerKeyMatch.Skipped,
      detail:
        "the secret is a shared (HMAC) key, which no JWKS publishes: tag the token path (rollout-verifier:issue-path) instead",
    };
  const document: unknown = safeJson(answer.body);
  const keys =
    typeof document === "object" && document !== null && Array.isArray((document as { keys?: unknown }).keys)
      ? ((document as { keys: unknown[] }).keys as unknown[])
      : undefined;
  if (!keys)
    return { ...base, match: IssuerKeyMatch.Failed, detail: 'the answer is not a JWK set ({"keys": [...]})' };
  const entries = keys
    .slice(0, MAX_JWKS_KEYS)
    .filter((key) => typeof key === "object" && key !== null) as Record<string, unknown>[];
  const kids = boundKids(entries.map((entry) => entry.kid));
  const thumbprints = new Set<string>();
  for (const entry of entries) {
    const thumbprint = await publicThumbprint(entry);
    if (thumbprint) thumbprints.add(thumbprint);
  }
  const seen = kids.length > 0 ? ` (key ids: ${kids.join(", ")})` : " (no key ids)";
  const hasCurrent = current.thumbprint !== undefined && thumbprints.has(current.thumbprint);
  const hasPrevious = previous?.thumbprint !== undefined && thumbprints.has(previous.thumbprint);
  const withKids = kids.length > 0 ? { kids } : {};
  if (hasCurrent)
    return {
      ...base,
      ...withKids,
      match: IssuerKeyMatch.Current,
      detail: `It publishes AWSCURRENT's public key (${current.fingerprint})${hasPrevious ? " and AWSPREVIOUS's" : ""} among ${entries.length} key(s)${seen}.`,
    };
  if (hasPrevious)
    return {
      ...base,
      ...withKids,
      match: IssuerKeyMatch.Previous,
      detail: `It publishes AWSPREVIOUS's public key (${previous.fingerprint}) and not AWSCURRENT's (${current.fingerprint}), among ${entries.length} key(s)${seen}: it still signs with the previous key.`,
    };
  return {
    ...base,
    ...withKids,
    match: IssuerKeyMatch.Neither,
    detail: `It publishes neither AWSCURRENT's (${current.fingerprint}) nor AWSPREVIOUS's public key, among ${entries.length} key(s)${seen}.`,
  };
}

/**
 * Verifies an issued token's signature with AWSCURRENT, then AWSPREVIOUS (signature only: its
 * claims are the issuer's business). The token is read from a JSON `access_token`, `id_token` or
 * `token` member, or a body that is a compact JWS, and goes no further than this function.
 */
export async function judgeToken(
  url: string,
  answer: IssuerAnswer,
  current: IssuerKey,
  previous: IssuerKey | null,
): Promise<IssuerProbeReport> {
  const failed = unanswered("token", url, answer);
  if (failed || answer.kind !== "answered") return failed as IssuerProbeReport;
  const base = { kind: "token" as const, url, httpStatus: answer.httpStatus, latencyMs: answer.latencyMs };
  const token = tokenIn(answer.body);
  if (token === undefined)
    return {
      ...base,
      match: IssuerKeyMatch.Failed,
      detail: "the answer holds no token (access_token, id_token, token, or a compact JWS body)",
    };
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ...base, match: IssuerKeyMatch.Failed, detail: "the issued token's header does not decode" };
  }
  const alg = typeof header.alg === "string" ? boundText(header.alg, 16) : undefined;
  const kids = boundKids([header.kid]);
  const described = {
    ...(alg ? { alg } : {}),
    ...(kids.length > 0 ? { kids } : {}),
  };
  const label = `alg ${alg ?? "?"}${kids.length > 0 ? `, kid ${kids[0]}` : ""}`;
  if (await verifies(token, current))
    return {
      ...base,
      ...described,
      match: IssuerKeyMatch.Current,
      detail: `It issued a token (${label}) whose signature verifies with AWSCURRENT (${current.fingerprint}).`,
    };
  if (previous && (await verifies(token, previous)))
    return {
      ...base,
      ...described,
      match: IssuerKeyMatch.Previous,
      detail: `It issued a token (${label}) whose signature verifies with AWSPREVIOUS (${previous.fingerprint}), not AWSCURRENT (${current.fingerprint}): it signs with the previous key, so every updated verifier rejects what it issues.`,
    };
  return {
    ...base,
    ...described,
    match: IssuerKeyMatch.Neither,
    detail: `It issued a token (${label}) whose signature verifies with neither AWSCURRENT (${current.fingerprint}) nor ${previous ? `AWSPREVIOUS (${previous.fingerprint})` : "AWSPREVIOUS (absent or identical)"}: it signs with another key (critical finding).`,
  };
}

async function verifies(token: string, key: IssuerKey): Promise<boolean> {
  try {
    await compactVerify(token, key.verifyKey);
    return true;
  } catch {
    return false;
  }
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function tokenIn(body: string): string | undefined {
  const text = body.trim();
  if (COMPACT_JWS.test(text)) return text;
  const document = safeJson(text);
  if (typeof document !== "object" || document === null) return undefined;
  for (const member of ["access_token", "id_token", "token"]) {
    const value = (document as Record<string, unknown>)[member];
    if (typeof value === "string" && COMPACT_JWS.test(value)) return value;
  }
  return undefined;
}

/** The thumbprint of a JWKS entry's public members; undefined for an entry that is not a public key. */
async function publicThumbprint(entry: Record<string, unknown>): Promise<string | undefined> {
  if (entry.kty !== "RSA" && entry.kty !== "EC" && entry.kty !== "OKP") return undefined;
  try {
    return await calculateJwkThumbprint(entry as JWK, "sha256");
  } catch {
    return undefined;
  }
}

function boundKids(values: readonly unknown[]): string[] {
  return values
    .filter((value): value is string => typeof value === "string" && value !== "")
    .slice(0, MAX_KIDS)
    .map((kid) => (COMPACT_JWS.test(kid) && kid.length > 20 ? "[token-shaped kid]" : kid))
    .map((kid) => (kid.length > MAX_KID_LENGTH ? `${kid.slice(0, MAX_KID_LENGTH)}…` : kid));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

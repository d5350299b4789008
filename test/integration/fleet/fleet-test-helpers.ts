import { execFile, execFileSync } from "node:child_process";
import { SignJWT } from "jose";

/** A short-lived HS256 token signed with `secret` (the key the task should have read at start). */
export function signToken(secret: string): Promise<string> {
  return new SignJWT({ sub: "fleet-test" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("1m")
    .sign(new TextEncoder().encode(secret));
}

/** The HTTP status a task answers on `/api/whoami` for `token` (loopback only). */
export async function probe(address: string, token: string, port = 8080): Promise<number> {
  if (!address.startsWith("127.")) throw new Error(`refusing to probe non-loopback address ${address}`);
  const response = await fetch(`http://${address}:${port}/api/whoami`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Which of the two keys each address accepts: "old", "new", "both" or "none". */
export async function acceptedKeys(
  addresses: readonly string[],
  oldKey: string,
  newKey: string,
): Promise<string[]> {
  const [oldToken, newToken] = await Promise.all([signToken(oldKey), signToken(newKey)]);
  return Promise.all(
    addresses.map(async (address) => {
      const [old, fresh] = [await probe(address, oldToken), await probe(address, newToken)];
      if (old === 200 && fresh === 200) return "both";
      if (old === 200) return fresh === 401 ? "old" : `old+${fresh}`;
      if (fresh === 200) return old === 401 ? "new" : `new+${old}`;
      return `none(${old},${fresh})`;
    }),
  );
}

/** Decoded CLI output, read loosely as a shell user reads JSON. */
// biome-ignore lint/suspicious/noExplicitAny: CLI output has no static type
export type CliJson = Record<string, any>;

/** The AWS CLI executable: `AWS_CLI`, else the pyenv target behind the shim (saves seconds per call), else `aws`. */
const awsCli = ((): string => {
  if (process.env.AWS_CLI) return process.env.AWS_CLI;
  try {
    return (
      execFileSync("pyenv", ["which", "aws"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() || "aws"
    );
  } catch {
    return "aws";
  }
})();

/** Runs the AWS CLI (v1) against the fleet with dummy credentials and no proxy; resolves the parsed JSON output. */
export function runAws(endpoint: string, args: readonly string[]): Promise<CliJson> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: "AKIDFLEETTEST",
    AWS_SECRET_ACCESS_KEY: "fleet-test-secret-key",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    NO_PROXY: "*",
  };
  return new Promise((resolve, reject) => {
    execFile(
      awsCli,
      [...args, "--endpoint-url", endpoint, "--output", "json"],
      { env },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${stderr}`, { cause: error }));
        else resolve(stdout.trim() === "" ? {} : (JSON.parse(stdout) as CliJson));
      },
    );
  });
}

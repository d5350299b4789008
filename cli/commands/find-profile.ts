import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** Where the SDK reads named profiles from, honouring the same variables it does. */
export function sharedConfigFiles(env: Env): { readonly config: string; readonly credentials: string } {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return {
    config: env.AWS_CONFIG_FILE ?? join(home, ".aws", "config"),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials"),
  };
}

/**
 * Whether a named profile is defined in the shared config (`[profile NAME]`, or `[default]`) or the
 * shared credentials file (`[NAME]`). Checked before the SDK runs, whose message for a missing
 * profile ("Could not load credentials from any providers", or "Multiple credential sources
 * detected" when keys are in the environment) does not say which profile is missing.
 */
export function profileExists(
  name: string,
  env: Env,
  read: (path: string) => string | undefined = readIfPresent,
): boolean {
  const files = sharedConfigFiles(env);
  const inConfig = sectionNames(read(files.config)).some(
    (section) => section === `profile ${name}` || (name === "default" && section === "default"),
  );
  return inConfig || sectionNames(read(files.credentials)).includes(name);
}

function sectionNames(text: string | undefined): string[] {
  if (text === undefined) return [];
  return [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((match) =>
    (match[1] ?? "").replace(/\s+/g, " "),
  );
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

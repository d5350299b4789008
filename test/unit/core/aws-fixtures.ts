import { readFileSync } from "node:fs";

/** The recorded AWS fixtures (events in EventBridge form, API responses in JSON wire form). */
const root = new URL("../../fixtures/aws/", import.meta.url);

/** Reads one fixture as parsed JSON; `structuredClone`-fresh on every call so tests may mutate it. */
export function loadAwsFixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, root), "utf8")) as Record<string, unknown>;
}

/** Reads an event fixture and applies `edit` to a fresh copy (variants without copying files). */
export function eventVariant(
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: variants reach into untyped fixture JSON; the parser under test validates it
  edit: (event: Record<string, any>) => void = () => undefined,
): Record<string, unknown> {
  const event = loadAwsFixture(`events/${name}`);
  edit(event);
  return event;
}

/** Every event fixture file name, so a new fixture without a test fails loudly. */
export const eventFixtureNames = [
  "cloudtrail-putsecretvalue.json",
  "cloudtrail-rotatesecret.json",
  "cloudtrail-updatesecretversionstage.json",
  "ecs-deployment-state-change.json",
  "secretsmanager-rotation-succeeded.json",
  "secretsmanager-secret-label-updated.json",
] as const;

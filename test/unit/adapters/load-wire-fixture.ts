import { readFileSync } from "node:fs";

const TIMESTAMP_KEY = /(At|Date)$/;

/**
 * Loads an AWS wire-format fixture (copied from shared/fixtures/aws) and turns its epoch-second
 * timestamps into `Date`s, as the SDK's deserializer does, so mocks return what `send` really returns.
 */
export function loadWireFixture<T>(name: string): T {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  return JSON.parse(text, (key, value: unknown) =>
    TIMESTAMP_KEY.test(key) && typeof value === "number" ? new Date(value * 1000) : value,
  ) as T;
}

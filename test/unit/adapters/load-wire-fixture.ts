import { readFileSync } from "node:fs";

const TIMESTAMP_KEY = /(At|Date)$/;

/**
 * Loads a recorded AWS wire-format fixture (`test/fixtures/aws/<service>/<name>`) and turns its epoch-second
 * timestamps into `Date`s, as the SDK's deserializer does, so mocks return what `send` really returns.
 */
export function loadWireFixture<T>(path: string): T {
  const text = readFileSync(new URL(`../../fixtures/aws/${path}`, import.meta.url), "utf8");
  return JSON.parse(text, (key, value: unknown) =>
    TIMESTAMP_KEY.test(key) && typeof value === "number" ? new Date(value * 1000) : value,
  ) as T;
}

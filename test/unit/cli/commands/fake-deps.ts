import type { CliDeps, EnginePorts } from "../../../../cli/commands/cli-deps.js";
import type { SecretsPort } from "../../../../lambda/core/ports.js";
import { issuedAt } from "../crafted-tokens.js";

/** CliDeps with a fixed clock and run id; the engine ports throw unless a test provides them. */
export function fakeDeps(secrets: SecretsPort, engine?: EnginePorts): CliDeps {
  return {
    now: () => issuedAt,
    newId: () => "run-0001",
    secrets: async () => secrets,
    engine: async () => {
      if (engine === undefined) throw new Error("this test does not use the engine");
      return engine;
    },
  };
}

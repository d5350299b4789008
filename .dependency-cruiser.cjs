/**
 * Import rules, checked by test/unit/architecture/import-rules.test.ts (npx vitest run test/unit/architecture)
 * and by hand with `npx depcruise --config .dependency-cruiser.cjs lambda lib cli fleet bench demo bin`.
 * Paths are relative to the folder cruised from, so the test's planted fixtures use the same rules.
 */
/** Network and process modules the pure core may not reach: its ports do that. */
const coreForbiddenBuiltins = "^(node:)?(http|https|http2|net|tls|dgram|process)$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Two files import each other, directly or through others: move the shared type to its own module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-no-aws-sdk",
      severity: "error",
      comment: "lambda/core is pure: AWS is reached through the ports in lambda/core/ports.ts.",
      from: { path: "^lambda/core/" },
      to: { path: "(^|/)node_modules/@aws-sdk/|^@aws-sdk/" },
    },
    {
      name: "core-no-network-or-process",
      severity: "error",
      comment:
        "lambda/core is pure: no HTTP, sockets or process (its environment comes in as VerifierConfig).",
      from: { path: "^lambda/core/" },
      to: { dependencyTypes: ["core"], path: coreForbiddenBuiltins },
    },
    {
      name: "core-no-adapters",
      severity: "error",
      comment: "lambda/core depends on ports, never on the adapters that implement them.",
      from: { path: "^lambda/core/" },
      to: { path: "^lambda/adapters/" },
    },
    {
      name: "product-no-dev-code",
      severity: "error",
      comment: "The Lambda, the construct and the CLI ship; the fleet, the demo and the bench do not.",
      from: { path: "^(lambda|lib|cli)/" },
      to: { path: "^(fleet|demo|bench)/" },
    },
  ],
  options: {
    // dependency-cruiser reads TypeScript with swc: it supports TypeScript below 7 only.
    parser: "swc",
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
  },
};

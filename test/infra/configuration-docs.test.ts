import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ConfigEnv } from "../../lambda/config-names.js";
import { ContextSource, lookupIn } from "../../lib/context/context-entry.js";
import { readStackContext, StackContextKeys } from "../../lib/read-stack-context.js";
import type { RolloutVerifierProps } from "../../lib/rollout-verifier-props.js";
import { RolloutVerifierStack } from "../../lib/rollout-verifier-stack.js";

/**
 * docs/configuration.md's Settings table against the code that reads it: every key in the table is
 * read by synth with the table's own example, and every key synth reads is in the table.
 */
const doc = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");

/** The rows of the Markdown table under `heading`, as cells. */
function tableRows(heading: string): string[][] {
  const section = doc.slice(doc.indexOf(`## ${heading}\n`));
  const lines = section.split("\n").slice(1);
  const start = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split(/ \| /).map((cell) => cell.replace(/^\| ?| ?\|$/g, "").trim()));
  }
  return rows;
}

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);

/** Each documented setting with its context example, parsed as JSON. */
const documented: [string, unknown][] = tableRows("Settings").flatMap(([names = "", , example = ""]) => {
  const keys = backticked(names);
  const examples = backticked(example);
  expect(examples, `one example per key in the row of ${names}`).toHaveLength(keys.length);
  return keys.map((key, index) => [key, JSON.parse(examples[index] as string)] as [string, unknown]);
});

/** Compile-time: every construct prop has the context key of the same name (account and region are the stack's env). */
type PropsWithoutContextKey = Exclude<keyof RolloutVerifierProps, (typeof StackContextKeys)[number]>;
type ContextKeysWithoutProp = Exclude<(typeof StackContextKeys)[number], keyof RolloutVerifierProps>;
const everyPropHasAKey: [PropsWithoutContextKey] extends [never] ? true : false = true;
const onlyEnvHasNoProp: [ContextKeysWithoutProp] extends ["account" | "region"] ? true : false = true;

describe("docs/configuration.md, Settings", () => {
  it("lists exactly the keys synth reads", () => {
    expect(documented.map(([key]) => key).sort()).toEqual([...StackContextKeys].sort());
  });

  it("names each setting once: every prop is a context key of the same name", () => {
    expect(everyPropHasAKey && onlyEnvHasNoProp).toBe(true);
  });

  it.each(documented)("reads %s with the table's example", (key, example) => {
    const required = Object.fromEntries(
      documented.filter(([name]) => ["account", "region", "vpc", "vpcSubnets", "secrets"].includes(name)),
    );
    const context = readStackContext(lookupIn({ ...required, [key]: example }, ContextSource.cdkJson), [
      ...Object.keys(required),
      key,
    ]);
    expect(context[key as keyof typeof context]).toBeDefined();
  });

  it("synthesizes one stack from every example at once", () => {
    const all = Object.fromEntries(documented);
    const app = new App();
    const context = readStackContext(lookupIn(all, ContextSource.cdkJson), Object.keys(all));
    const stack = new RolloutVerifierStack(app, "AllSettings", {
      env: { account: context.account, region: context.region },
      context,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Lambda::Function", 2);
    template.hasResourceProperties("AWS::Lambda::Function", {
      Timeout: 600,
      MemorySize: 512,
      Environment: {
        Variables: {
          [ConfigEnv.gateOnError]: "closed",
          [ConfigEnv.gateMaxWaitSeconds]: "120",
          [ConfigEnv.gateCallBackDelaySeconds]: "30",
          [ConfigEnv.followUpWindowMinutes]: "30",
          [ConfigEnv.probeTimeoutMs]: "750",
          [ConfigEnv.probeConcurrency]: "32",
          [ConfigEnv.awsConcurrency]: "4",
        },
      },
    });
  });

  it("sets every Lambda environment variable in its table from a named setting", () => {
    const rows = tableRows("Lambda environment");
    expect(rows.flatMap(([variable = ""]) => backticked(variable)).sort()).toEqual(
      Object.values(ConfigEnv).sort(),
    );
    const keys = new Set<string>(StackContextKeys);
    for (const [, setFrom = ""] of rows) for (const key of backticked(setFrom)) expect(keys).toContain(key);
  });
});

import { App, Stack } from "aws-cdk-lib";
import { Capture, Template } from "aws-cdk-lib/assertions";
import { Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { EvidenceMetricName, MetricName, MetricNamespace } from "../../lambda/core/report/metric-names.js";
import { VerifierAlarms } from "../../lib/verifier-alarms.js";
import { VerifierDashboard } from "../../lib/verifier-dashboard.js";

interface Widget {
  readonly type: string;
  readonly properties: {
    readonly title?: string;
    readonly markdown?: string;
    readonly metrics?: readonly (readonly unknown[])[];
  };
}

let widgets: Widget[];

/** The dashboard alone, in a bare stack: no function bundle, no VPC. */
beforeAll(() => {
  const stack = new Stack(new App(), "DashboardStack", {
    env: { account: "123456789012", region: "eu-west-1" },
  });
  const fn = new LambdaFunction(stack, "Fn", {
    runtime: Runtime.NODEJS_22_X,
    handler: "index.handler",
    code: Code.fromInline("exports.handler = async () => {};"),
  });
  const queue = new Queue(stack, "Dlq");
  const alarms = new VerifierAlarms(stack, "Alarms", {
    functions: [fn],
    deadLetterQueues: [queue],
    topic: new Topic(stack, "Topic"),
  });
  new VerifierDashboard(stack, "Dashboard", {
    function: fn,
    logGroup: new LogGroup(stack, "Logs"),
    deadLetterQueues: [queue],
    alarms,
  });
  const body = new Capture();
  Template.fromStack(stack).hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardBody: body });
  const rendered = body.asObject() as { "Fn::Join": [string, unknown[]] };
  // The body is a join of strings and tokens (the log group, the function): only strings matter here.
  const text = rendered["Fn::Join"][1].map((part) => (typeof part === "string" ? part : "token")).join("");
  widgets = (JSON.parse(text) as { widgets: Widget[] }).widgets;
});

const expressions = (widget: Widget | undefined) =>
  (widget?.properties.metrics ?? []).flatMap((row) =>
    row.flatMap((cell) =>
      typeof cell === "object" && cell !== null && "expression" in cell
        ? [(cell as { expression: string; label?: string }).expression]
        : [],
    ),
  );

const titled = (start: string) => widgets.find((widget) => widget.properties.title?.startsWith(start));

describe("the verifier dashboard by evidence kind", () => {
  it("graphs stale and current tasks by evidence kind from the SecretName + Evidence series", () => {
    const widget = titled("By evidence: stale tasks");
    expect(widget?.type).toBe("metric");
    expect(expressions(widget)).toEqual([
      `SEARCH('{${MetricNamespace},Evidence,SecretName} MetricName="${EvidenceMetricName.tasksStaleByEvidence}"', 'Maximum', 300)`,
      `SEARCH('{${MetricNamespace},Evidence,SecretName} MetricName="${EvidenceMetricName.tasksCurrentByEvidence}"', 'Maximum', 300)`,
    ]);
    const labels = (widget?.properties.metrics ?? []).flatMap((row) =>
      row.flatMap((cell) =>
        typeof cell === "object" && cell !== null && "label" in cell ? [cell.label] : [],
      ),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudWatch dynamic-label syntax, not a JS template.
    expect(labels).toEqual(Array(2).fill("${PROP('Dim.Evidence')} ${PROP('Dim.SecretName')}"));
  });

  it("graphs every task by the evidence its verdict rests on", () => {
    expect(expressions(titled("By evidence: every task"))).toEqual([
      `SEARCH('{${MetricNamespace},Evidence,SecretName} MetricName="${EvidenceMetricName.tasksByEvidence}"', 'Maximum', 300)`,
    ]);
  });

  it("graphs refreshing tasks beside stale and unknown ones, secret-wide", () => {
    expect(expressions(titled("Tasks checked vs stale"))).toContain(
      `SEARCH('{${MetricNamespace},SecretName} MetricName="${MetricName.tasksRefreshing}"', 'Maximum', 300)`,
    );
  });

  it("says in its guide which evidence kinds are proof", () => {
    const guide = widgets.find((widget) => widget.type === "text")?.properties.markdown ?? "";
    expect(guide).toContain("By evidence");
    for (const word of ["probe", "issuer-probe", "jwks", "log-fingerprint", "timestamps"])
      expect(guide).toContain(`\`${word}\``);
    expect(guide).toContain("Tasks refreshing");
  });

  it("names every metric of both families somewhere on the page", () => {
    const all = widgets.flatMap((widget) => expressions(widget)).join("\n");
    for (const name of [...Object.values(MetricName), ...Object.values(EvidenceMetricName)])
      expect(all).toContain(`MetricName="${name}"`);
  });
});

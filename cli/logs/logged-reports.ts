import { LogMessage } from "../../lambda/adapters/telemetry/report-log-records.js";
import { metricScope } from "../../lambda/adapters/telemetry/report-metrics.js";
import { reportsFromLogLines } from "../../lambda/adapters/telemetry/report-service-records.js";
import type { RunReport } from "../../lambda/core/report/report.js";

/** One FilterLogEvents search: a log group, a time range (epoch ms) and a filter pattern. */
export interface LogSearch {
  readonly logGroupName: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly filterPattern: string;
}

/** CloudWatch Logs as `report` reads it: every matching event's message, oldest first, all pages. */
export interface LogsPort {
  messages(search: LogSearch): AsyncIterable<string>;
}

/** CloudFormation as `report --stack` reads it: a stack's outputs by key. */
export interface StacksPort {
  outputs(stackName: string): Promise<Readonly<Record<string, string>>>;
}

/** Which logged reports to show. */
export interface ReportQuery {
  readonly logGroupName: string;
  readonly since: Date;
  readonly until?: Date;
  /** A secret's name or ARN; absent means every secret. */
  readonly secretId?: string;
  /** Only reports that include this ECS service. */
  readonly service?: string;
}

/**
 * The filter pattern that returns exactly the records a report is rebuilt from (the summary and the
 * per-service records, `LogMessage`), of one secret when a name is given: the task and finding
 * records, the EMF lines and the runtime's lines stay in CloudWatch.
 */
export function reportFilterPattern(secretName?: string): string {
  const messages = `($.message = "${LogMessage.summary}" || $.message = "${LogMessage.service}")`;
  return secretName === undefined ? `{ ${messages} }` : `{ ${messages} && $.secretName = "${secretName}" }`;
}

/** `arn:…:secret:prod/jwt-AbCdEf` → `prod/jwt`; a name is returned as it is. */
export function secretNameOf(secretId: string): { readonly name: string; readonly arn?: string } {
  if (!secretId.startsWith("arn:")) return { name: secretId };
  const name = secretId.split(":secret:")[1] ?? "";
  return { name: name.replace(/-[A-Za-z0-9]{6}$/, ""), arn: secretId };
}

/**
 * The reports the function logged in the range, rebuilt by the one reader (`reportsFromLogLines`)
 * exactly as the handler returned them, oldest first; filtered by secret (name, or ARN: complete or
 * partial) and by service.
 */
export async function readLoggedReports(logs: LogsPort, query: ReportQuery): Promise<RunReport[]> {
  const secret = query.secretId === undefined ? undefined : secretNameOf(query.secretId);
  const lines: string[] = [];
  for await (const message of logs.messages({
    logGroupName: query.logGroupName,
    startTime: query.since.getTime(),
    ...(query.until === undefined ? {} : { endTime: query.until.getTime() }),
    filterPattern: reportFilterPattern(secret?.name),
  }))
    lines.push(message);
  return reportsFromLogLines(lines)
    .filter((report) => secret?.arn === undefined || report.secretArn.startsWith(secret.arn))
    .filter(
      (report) =>
        query.service === undefined || report.services.some((service) => service.service === query.service),
    )
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
}

/**
 * What to show of each secret, oldest first: its latest `count` runs over the whole secret (the
 * rotation's, a follow-up, a sweep, a direct run) and every later run of a single service (a
 * deployment event's), which is newer news about that service. A secret with no run over the whole
 * secret in the range shows its latest `count` runs.
 */
export function latestPerSecret(reports: readonly RunReport[], count: number): RunReport[] {
  const bySecret = new Map<string, RunReport[]>();
  for (const report of reports)
    bySecret.set(report.secretArn, [...(bySecret.get(report.secretArn) ?? []), report]);
  return [...bySecret.values()]
    .flatMap((list) => {
      const wide = list
        .map((report, index) => ({ report, index }))
        .filter(({ report }) => metricScope(report) === "secret");
      const from =
        wide.length === 0
          ? Math.max(0, list.length - count)
          : (wide.at(-Math.min(count, wide.length))?.index ?? 0);
      return list.slice(from);
    })
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
}

/**
 * The latest state of one secret's fleet from the reports shown (oldest first): the last run over the
 * whole secret, each service's entry replaced by a later single-service run's. What `report`'s exit
 * code is judged on.
 */
export function latestState(reports: readonly RunReport[]): RunReport | undefined {
  const wide = reports.filter((report) => metricScope(report) === "secret");
  const base = wide.at(-1) ?? reports.at(-1);
  if (base === undefined) return undefined;
  const later = reports.slice(reports.indexOf(base) + 1);
  const key = (service: RunReport["services"][number]) => `${service.cluster}/${service.service}`;
  const newest = new Map(
    later.flatMap((report) => report.services).map((service) => [key(service), service]),
  );
  return { ...base, services: base.services.map((service) => newest.get(key(service)) ?? service) };
}

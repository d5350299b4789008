import type { LogsPort, StacksPort } from "./logged-reports.js";

/** The SDK clients' configuration `report` is given (region, profile, one attempt per request). */
type ClientConfig = Record<string, unknown>;

/**
 * CloudWatch Logs `FilterLogEvents` (every page, `nextToken`) and CloudFormation `DescribeStacks`
 * over the SDK; the clients are imported on first use, as the other commands' are.
 */
export async function createLogsPorts(config: ClientConfig): Promise<{ logs: LogsPort; stacks: StacksPort }> {
  const [{ CloudWatchLogsClient, FilterLogEventsCommand }, { CloudFormationClient, DescribeStacksCommand }] =
    await Promise.all([import("@aws-sdk/client-cloudwatch-logs"), import("@aws-sdk/client-cloudformation")]);
  const logsClient = new CloudWatchLogsClient(config);
  const stacksClient = new CloudFormationClient(config);
  return {
    logs: {
      async *messages(search) {
        let nextToken: string | undefined;
        do {
          const page = await logsClient.send(
            new FilterLogEventsCommand({
              logGroupName: search.logGroupName,
              startTime: search.startTime,
              ...(search.endTime === undefined ? {} : { endTime: search.endTime }),
              filterPattern: search.filterPattern,
              ...(nextToken === undefined ? {} : { nextToken }),
            }),
          );
          for (const event of page.events ?? []) if (event.message !== undefined) yield event.message;
          nextToken = page.nextToken;
        } while (nextToken !== undefined);
      },
    },
    stacks: {
      async outputs(stackName) {
        const answer = await stacksClient.send(new DescribeStacksCommand({ StackName: stackName }));
        const outputs = answer.Stacks?.[0]?.Outputs ?? [];
        return Object.fromEntries(
          outputs.flatMap((output) =>
            output.OutputKey === undefined || output.OutputValue === undefined
              ? []
              : [[output.OutputKey, output.OutputValue]],
          ),
        );
      },
    },
  };
}

import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { createLogStreamReader } from "../../../../lambda/adapters/logs/log-stream-reader.js";

const logsMock = mockClient(CloudWatchLogsClient);
const client = new CloudWatchLogsClient({ region: "eu-west-1" });
const reader = () => createLogStreamReader(async () => client);
const request = {
  logGroupName: "/ecs/worker",
  logStreamName: "ecs/worker/0123abcd",
  contains: "key fingerprint:",
  maxPages: 3,
};

beforeEach(() => logsMock.reset());

describe("createLogStreamReader", () => {
  it("reads the stream from its head, page by page, until the line holding the text", async () => {
    logsMock
      .on(GetLogEventsCommand, { nextToken: undefined })
      .resolves({ events: [{ timestamp: 1, message: "starting" }], nextForwardToken: "f/1" })
      .on(GetLogEventsCommand, { nextToken: "f/1" })
      .resolves({
        events: [{ timestamp: 2, message: "key fingerprint: sha256:0123456789abcdef" }],
        nextForwardToken: "f/2",
      });
    const answer = await reader().findLine(request);
    expect(answer).toMatchObject({ kind: "found", message: "key fingerprint: sha256:0123456789abcdef" });
    expect(logsMock).toHaveReceivedCommandWith(GetLogEventsCommand, {
      logGroupName: "/ecs/worker",
      logStreamName: "ecs/worker/0123abcd",
      startFromHead: true,
    });
    expect(logsMock).toHaveReceivedCommandTimes(GetLogEventsCommand, 2);
  });

  it("stops at the stream's end, and after its page bound", async () => {
    // The end is the token it was given, answered back: here on the second page.
    logsMock.on(GetLogEventsCommand).resolves({ events: [], nextForwardToken: "f/0" });
    expect(await reader().findLine(request)).toEqual({ kind: "not-found", pagesRead: 2, complete: true });
    logsMock.reset();
    let page = 0;
    logsMock.on(GetLogEventsCommand).callsFake(async () => {
      page += 1;
      return { events: [{ timestamp: page, message: "busy" }], nextForwardToken: `f/${page}` };
    });
    expect(await reader().findLine(request)).toEqual({ kind: "not-found", pagesRead: 3, complete: false });
    expect(page).toBe(3);
  });

  it("reads on past an empty page whose token moved: AWS may answer one while more events follow", async () => {
    logsMock
      .on(GetLogEventsCommand, { nextToken: undefined })
      .resolves({ events: [], nextForwardToken: "f/a" })
      .on(GetLogEventsCommand, { nextToken: "f/a" })
      .resolves({
        events: [{ timestamp: 3, message: "key fingerprint: sha256:0123456789abcdef" }],
        nextForwardToken: "f/b",
      });
    expect(await reader().findLine(request)).toMatchObject({ kind: "found" });
    expect(logsMock).toHaveReceivedCommandTimes(GetLogEventsCommand, 2);
  });

  it("answers no-stream for a stream that does not exist", async () => {
    logsMock
      .on(GetLogEventsCommand)
      .rejects(
        new ResourceNotFoundException({ message: "The specified log stream does not exist.", $metadata: {} }),
      );
    expect(await reader().findLine(request)).toEqual({ kind: "no-stream" });
  });
});

// The local Lambda runtime: a child process that imports the bundled handler once (cold start),
// then runs one invocation at a time on request from its parent over IPC. Like the real runtime,
// it writes START/END/REPORT lines around each invocation; everything the handler prints goes to
// stdout/stderr, which the parent appends to the function's log file (the stand-in for CloudWatch
// Logs). Plain JavaScript so it runs on bare `node`, exactly like the deployed bundle.
import { pathToFileURL } from "node:url";

const bundlePath = process.argv[2];
if (!bundlePath) {
  process.stderr.write("lambda-worker: missing bundle path argument\n");
  process.exit(2);
}

const initStarted = performance.now();
const module = await import(pathToFileURL(bundlePath).href);
const initMs = performance.now() - initStarted;
let coldStart = true;

if (typeof module.handler !== "function") {
  process.send?.({
    type: "init-error",
    errorType: "Runtime.HandlerNotFound",
    errorMessage: `${bundlePath} exports no handler`,
  });
  process.exit(1);
}
process.send?.({ type: "ready", initMs });

process.on("message", async (message) => {
  if (message?.type !== "invoke") return;
  const { requestId, event, deadline, functionName, memoryLimitInMB } = message;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:${process.env.LOCAL_LAMBDA_ACCOUNT_ID ?? "000000000000"}:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  process.stdout.write(`START RequestId: ${requestId} Version: $LATEST\n`);
  const started = performance.now();
  let reply;
  try {
    const result = await module.handler(event, context);
    reply = { type: "result", requestId, ok: true, result };
  } catch (error) {
    const errorType = error instanceof Error ? error.name : "Error";
    const errorMessage = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${JSON.stringify({ errorType, errorMessage, requestId })}\n`);
    reply = { type: "result", requestId, ok: false, errorType, errorMessage };
  }
  const durationMs = performance.now() - started;
  const maxMemoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const init = coldStart ? `\tInit Duration: ${initMs.toFixed(2)} ms` : "";
  coldStart = false;
  const report = `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tMemory Size: ${memoryLimitInMB} MB\tMax Memory Used: ${maxMemoryMB} MB${init}`;
  // Reply only once the log lines are handed to the pipe, so a caller that saw the result finds them in the log.
  await new Promise((resolve) => process.stdout.write(`END RequestId: ${requestId}\n${report}\n`, resolve));
  process.send?.({ ...reply, durationMs, maxMemoryMB });
});

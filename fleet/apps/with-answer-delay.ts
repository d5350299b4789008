import type { RequestListener } from "node:http";
import { AppConfigError } from "./app-errors.js";

/** The container variable that makes an app take this long to answer every request. */
export const ANSWER_DELAY_VARIABLE = "SAMPLE_APP_ANSWER_DELAY_MS";

/**
 * A slow service: every request is answered `SAMPLE_APP_ANSWER_DELAY_MS` milliseconds after it
 * arrived (a loaded app, a slow dependency), which is what sizes a verifier's probing time. The task
 * is RUNNING and healthy meanwhile; a request whose client gave up is never handed to the app.
 */
export function withAnswerDelay(
  image: string,
  listener: RequestListener,
  env: Readonly<Record<string, string>>,
): RequestListener {
  const raw = env[ANSWER_DELAY_VARIABLE];
  if (raw === undefined || raw === "") return listener;
  const delayMs = Number(raw);
  if (!Number.isInteger(delayMs) || delayMs < 0)
    throw new AppConfigError(
      image,
      `${ANSWER_DELAY_VARIABLE} must be a whole number of milliseconds, got "${raw}"`,
    );
  return (request, response) => {
    const timer = setTimeout(() => listener(request, response), delayMs);
    response.on("close", () => clearTimeout(timer));
  };
}

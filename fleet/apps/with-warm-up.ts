import type { RequestListener } from "node:http";
import { AppConfigError } from "./app-errors.js";
import { sendJson } from "./send-json.js";

/** The container variable that makes an app answer 503 for a while after it starts. */
export const WARM_UP_VARIABLE = "SAMPLE_APP_WARM_UP_MS";

/**
 * A slow-starting service: for `SAMPLE_APP_WARM_UP_MS` milliseconds after start every request gets
 * 503 `{"error":"warming up"}` (a JVM loading, a cache filling), then `listener` answers. The task is
 * RUNNING meanwhile, as ECS reports a container whose process is up. No timer: time is compared per request.
 */
export function withWarmUp(
  image: string,
  listener: RequestListener,
  env: Readonly<Record<string, string>>,
  now: () => number = Date.now,
): RequestListener {
  const raw = env[WARM_UP_VARIABLE];
  if (raw === undefined || raw === "") return listener;
  const warmUpMs = Number(raw);
  if (!Number.isInteger(warmUpMs) || warmUpMs < 0)
    throw new AppConfigError(
      image,
      `${WARM_UP_VARIABLE} must be a whole number of milliseconds, got "${raw}"`,
    );
  const readyAt = now() + warmUpMs;
  return (request, response) => {
    if (now() < readyAt) {
      request.resume();
      sendJson(response, 503, { error: "warming up" });
      return;
    }
    listener(request, response);
  };
}

import { UnknownImageError } from "./app-errors.js";
import { listenOnLoopback, type RunningApp } from "./listen-on-loopback.js";
import { isSampleAppImage, SAMPLE_APP_CATALOGUE, SAMPLE_APP_IMAGES } from "./sample-app-catalogue.js";
import { withAnswerDelay } from "./with-answer-delay.js";
import { withWarmUp } from "./with-warm-up.js";

export type { RunningApp } from "./listen-on-loopback.js";

/** What a task hands its container: the image, the environment ECS injected, and where to listen. */
export interface SampleAppOptions {
  readonly image: string;
  /** Read once here and never again: a rotated secret reaches the app only through a new task. */
  readonly env: Readonly<Record<string, string>>;
  /** A loopback IP literal (127.0.0.0/8 or ::1). */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * The container's stdout, line by line, as its log driver ships it (in-process tasks only).
   * @default lines are dropped
   */
  readonly log?: (line: string) => void;
}

/**
 * Starts one task's server in this process (cheap enough for 2,000 per process: one listening
 * socket, keys parsed once, no timers, no logging).
 * @throws UnknownImageError (`UNKNOWN_IMAGE`) for an image outside the catalogue.
 * @throws AppConfigError (`APP_CONFIG_INVALID`) when the environment cannot configure the app: the task fails to start.
 * @throws NonLoopbackHostError, AppListenError when the address is refused or cannot be bound.
 */
export async function startSampleApp(options: SampleAppOptions): Promise<RunningApp> {
  if (!isSampleAppImage(options.image)) throw new UnknownImageError(options.image, SAMPLE_APP_IMAGES);
  const listener = withAnswerDelay(
    options.image,
    withWarmUp(
      options.image,
      SAMPLE_APP_CATALOGUE[options.image].create(options.image, options.env, options.log),
      options.env,
    ),
    options.env,
  );
  return listenOnLoopback(listener, options.host, options.port);
}

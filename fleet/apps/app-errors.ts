/**
 * Typed errors of the sample apps. The fleet turns every one of them into a task that failed to
 * start (`stopCode: TaskFailedToStart`), as ECS does for a container that exits at boot. Messages
 * name the image and the variable, never a key or a secret value.
 */

export const AppErrorCode = {
  unknownImage: "UNKNOWN_IMAGE",
  config: "APP_CONFIG_INVALID",
  nonLoopbackHost: "NON_LOOPBACK_HOST",
  listen: "APP_LISTEN_FAILED",
  processExited: "APP_PROCESS_EXITED",
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

/** The task definition names an image the catalogue does not have; the message lists the catalogue. */
export class UnknownImageError extends Error {
  override readonly name = "UnknownImageError";
  readonly code = AppErrorCode.unknownImage;
  readonly image: string;

  constructor(image: string, catalogue: readonly string[]) {
    super(`Unknown sample app image "${image}"; the catalogue has: ${catalogue.join(", ")}`);
    this.image = image;
  }
}

/** The container environment cannot configure the app (no key, unparsable key, unknown algorithm). */
export class AppConfigError extends Error {
  override readonly name = "AppConfigError";
  readonly code = AppErrorCode.config;
  readonly image: string;

  constructor(image: string, message: string, options?: { cause?: unknown }) {
    super(`${image}: ${message}`, options);
    this.image = image;
  }
}

/** A sample app was asked to listen on an address outside loopback; the fleet never does that. */
export class NonLoopbackHostError extends Error {
  override readonly name = "NonLoopbackHostError";
  readonly code = AppErrorCode.nonLoopbackHost;
  readonly host: string;

  constructor(host: string) {
    super(`Refusing to listen on "${host}": sample apps bind only to 127.0.0.0/8 or ::1`);
    this.host = host;
  }
}

/** The loopback address could not be bound (port in use, address not available). */
export class AppListenError extends Error {
  override readonly name = "AppListenError";
  readonly code = AppErrorCode.listen;
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, cause: unknown) {
    const reason = cause instanceof Error && "code" in cause ? String(cause.code) : String(cause);
    super(`Cannot listen on ${host}:${port}: ${reason}`, { cause });
    this.host = host;
    this.port = port;
  }
}

/** A task's child process exited or could not be spawned before its app was listening. */
export class AppProcessExitedError extends Error {
  override readonly name = "AppProcessExitedError";
  readonly code = AppErrorCode.processExited;
  readonly image: string;

  constructor(image: string, detail: string, options?: { cause?: unknown }) {
    super(`The process of ${image} ${detail} before it was ready`, options);
    this.image = image;
  }
}

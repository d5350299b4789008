/**
 * The IPC messages an app child process sends its parent, exactly one per start: `ready` once
 * it listens, or `failed` with the typed error's `code` and message (never a key or token).
 */
export type AppProcessMessage =
  | { readonly type: "ready"; readonly url: string }
  | { readonly type: "failed"; readonly code: string; readonly message: string };

/** Narrows whatever arrives on the IPC channel. */
export function isAppProcessMessage(value: unknown): value is AppProcessMessage {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  if (value.type === "ready") return "url" in value && typeof value.url === "string";
  return value.type === "failed" && "code" in value && "message" in value;
}

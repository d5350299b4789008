import { createWriteStream } from "node:fs";
import type { FleetEvent } from "../contracts.js";

/** An append-only JSON-lines file of fleet events (one envelope per line), for tools outside the process. */
export interface JsonLinesEventFile {
  readonly write: (event: FleetEvent) => void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Opens `path` for appending; events written after `close` are dropped. */
export function openJsonLinesEventFile(path: string): JsonLinesEventFile {
  const stream = createWriteStream(path, { flags: "a", encoding: "utf8" });
  let closed = false;
  return {
    write(event) {
      if (!closed) stream.write(`${JSON.stringify(event)}\n`);
    },
    close() {
      closed = true;
      return new Promise((resolve, reject) => {
        stream.once("error", reject);
        stream.end(() => resolve());
      });
    },
  };
}

import { existsSync } from "node:fs";
import type { CliIo } from "./cli-io.js";

/** A command implemented elsewhere in the repository (local fleet, demo), loaded on first use. */
export type ExternalCommand = (argv: readonly string[], io: CliIo) => Promise<unknown>;

/**
 * Imports `exportName` from a module relative to the repository root, or returns null when the
 * module's file does not exist (yet). Import errors of an existing module propagate: a missing
 * dependency inside it is a real fault, not "not available yet".
 */
export async function loadOptionalCommand(
  modulePath: string,
  exportName: string,
): Promise<ExternalCommand | null> {
  const url = new URL(`../../${modulePath}`, import.meta.url);
  const source = new URL(url.href.replace(/\.js$/, ".ts"));
  if (!existsSync(url) && !existsSync(source)) return null;
  const module = (await import(/* @vite-ignore */ url.href)) as Record<string, unknown>;
  const command = module[exportName];
  return typeof command === "function" ? (command as ExternalCommand) : null;
}

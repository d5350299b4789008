import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { closedPipeExitCode, endOnClosedPipe } from "../../../../cli/commands/end-on-closed-pipe.js";

function streams() {
  let written = "";
  const stdout = new EventEmitter();
  const stderr = Object.assign(new EventEmitter(), { write: (text: string) => (written += text) });
  const exits: number[] = [];
  endOnClosedPipe({ stdout, stderr }, (code) => exits.push(code));
  return { stdout, stderr, exits, written: () => written };
}

function errno(code: string): Error {
  return Object.assign(new Error(`write ${code}`), { code });
}

describe("endOnClosedPipe", () => {
  it("ends quietly with 141 when the reader closed stdout (EPIPE)", () => {
    const { stdout, exits, written } = streams();
    stdout.emit("error", errno("EPIPE"));
    expect(exits).toEqual([closedPipeExitCode]);
    expect(closedPipeExitCode).toBe(141);
    expect(written()).toBe("");
  });

  it("ends quietly with 141 when stderr is the closed pipe", () => {
    const { stderr, exits } = streams();
    stderr.emit("error", errno("EPIPE"));
    expect(exits).toEqual([141]);
  });

  it("ends with 1 and one line, no stack, on any other write failure", () => {
    const { stdout, exits, written } = streams();
    stdout.emit("error", errno("EIO"));
    expect(exits).toEqual([1]);
    expect(written()).toBe("rollout-verifier: cannot write output: write EIO\n");
  });
});

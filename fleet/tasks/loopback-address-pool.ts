/**
 * Hands out one loopback address per task (`127.<x>.<y>.<z>`, x in 1..254), never 127.0.0.x so
 * the fleet's own endpoint on 127.0.0.1 cannot collide with a task.
 * Invariants: addresses are unique across every fleet of the process (one shared counter), the
 * second octet starts at a pid-derived value so concurrent processes (parallel test workers)
 * rarely meet, and addresses are not reused while fresh ones remain, so a probe to a stopped
 * task's address is refused instead of reaching a newer task.
 */
export interface LoopbackAddressPool {
  next(): string;
}

const perSecondOctet = 254 * 256;
let issued = 0;

/** A pool over the process-wide sequence, starting at second octet `base` (default derived from the pid). */
export function createLoopbackAddressPool(base = 1 + (process.pid % 254)): LoopbackAddressPool {
  return {
    next() {
      const index = issued;
      issued += 1;
      const x = ((base - 1 + Math.floor(index / perSecondOctet)) % 254) + 1;
      const y = Math.floor(index / 254) % 256;
      const z = (index % 254) + 1;
      return `127.${x}.${y}.${z}`;
    },
  };
}

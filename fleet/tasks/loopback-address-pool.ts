/**
 * Hands out one loopback address per task (`127.0.<y>.<z>`, then `127.<x>.<y>.<z>`), never
 * 127.0.0.x so the fleet's own endpoint on 127.0.0.1 cannot collide with a task.
 * Addresses are not reused while the pool has fresh ones, so a probe to a stopped task's
 * address is refused instead of reaching a newer task.
 */
export interface LoopbackAddressPool {
  next(): string;
}

const perThirdOctet = 254;
const thirdOctets = 255;

/** A pool starting at 127.0.1.1; wraps after about 16 million addresses. */
export function createLoopbackAddressPool(): LoopbackAddressPool {
  let index = 0;
  return {
    next() {
      const slot = index % (perThirdOctet * thirdOctets * 255);
      index += 1;
      const z = (slot % perThirdOctet) + 1;
      const y = (Math.floor(slot / perThirdOctet) % thirdOctets) + 1;
      const x = Math.floor(slot / (perThirdOctet * thirdOctets));
      return `127.${x}.${y}.${z}`;
    },
  };
}

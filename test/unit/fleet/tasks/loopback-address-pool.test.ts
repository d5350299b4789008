import { describe, expect, it } from "vitest";
import { createLoopbackAddressPool } from "../../../../fleet/tasks/loopback-address-pool.js";

describe("loopback address pool", () => {
  it("hands out distinct 127/8 addresses outside 127.0.0.x for thousands of tasks", () => {
    const pool = createLoopbackAddressPool();
    const addresses = Array.from({ length: 70_000 }, () => pool.next());
    expect(new Set(addresses).size).toBe(70_000);
    expect(addresses.every((address) => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address))).toBe(true);
    expect(addresses.some((address) => address.startsWith("127.0."))).toBe(false);
    expect(addresses.some((address) => address.endsWith(".0") || address.endsWith(".255"))).toBe(false);
  });

  it("never gives two fleets of one process the same address", () => {
    const first = createLoopbackAddressPool(7);
    const second = createLoopbackAddressPool(7);
    const addresses = [first.next(), second.next(), first.next(), second.next()];
    expect(new Set(addresses).size).toBe(4);
    expect(addresses.every((address) => /^127\.(7|8)\./.test(address))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  chooseContainerPort,
  formatAddress,
  resolveTaskAddress,
} from "../../../../lambda/core/consumers/resolve-task-address.js";
import { aTask, aTaskDefinition } from "../builders.js";

const instance = "arn:aws:ecs:eu-west-1:123456789012:container-instance/orders-prod/8f3e7c1d";
const hosts = new Map([[instance, "10.0.3.41"]]);
const bridgeTask = aTask({
  privateIpv4Address: undefined,
  containerInstanceArn: instance,
  containers: [
    {
      name: "orders-worker",
      networkBindings: [
        { bindIP: "0.0.0.0", containerPort: 8080, hostPort: 32771 },
        { bindIP: "::", containerPort: 8080, hostPort: 32771 },
      ],
    },
  ],
});

describe("resolveTaskAddress", () => {
  it("uses the ENI's private IPv4 and the container port for awsvpc tasks", () => {
    expect(resolveTaskAddress(aTask(), 8080, hosts, "awsvpc")).toEqual({
      kind: "resolved",
      host: "10.0.1.23",
      port: 8080,
    });
  });

  it("uses the host IP and the bound host port for bridge tasks, collapsing the :: duplicate", () => {
    expect(resolveTaskAddress(bridgeTask, 8080, hosts, "bridge")).toEqual({
      kind: "resolved",
      host: "10.0.3.41",
      port: 32771,
    });
  });

  it("falls back to the container port in host mode when ECS reported no binding", () => {
    const hostTask = { ...bridgeTask, containers: [{ name: "orders-worker", networkBindings: [] }] };
    expect(resolveTaskAddress(hostTask, 8080, hosts, "host")).toMatchObject({ port: 8080 });
    expect(resolveTaskAddress(hostTask, 8080, hosts, "bridge")).toMatchObject({ kind: "unresolved" });
  });

  it("gives no address without a port, an ENI, a container instance or a known host IP", () => {
    expect(resolveTaskAddress(aTask(), undefined, hosts)).toMatchObject({ kind: "unresolved" });
    expect(resolveTaskAddress(aTask({ privateIpv4Address: undefined }), 8080, hosts)).toMatchObject({
      kind: "unresolved",
    });
    expect(resolveTaskAddress(bridgeTask, 8080, new Map(), "bridge")).toMatchObject({ kind: "unresolved" });
  });
});

describe("chooseContainerPort", () => {
  const definition = aTaskDefinition({
    containers: [
      { name: "sidecar", portMappings: [{ containerPort: 9000 }] },
      { name: "orders-api", portMappings: [{ containerPort: 8080 }] },
    ],
  });

  it("prefers the tag, then the consuming container's first mapping, then any mapping", () => {
    expect(chooseContainerPort(definition, "orders-api", 7070)).toBe(7070);
    expect(chooseContainerPort(definition, "orders-api", undefined)).toBe(8080);
    expect(chooseContainerPort(definition, "unknown", undefined)).toBe(9000);
    expect(chooseContainerPort(aTaskDefinition({ containers: [] }), "orders-api", undefined)).toBeUndefined();
  });
});

describe("formatAddress", () => {
  it("brackets IPv6 hosts", () => {
    expect(formatAddress("10.0.1.23", 8080)).toBe("10.0.1.23:8080");
    expect(formatAddress("fd00::1", 8080)).toBe("[fd00::1]:8080");
  });
});

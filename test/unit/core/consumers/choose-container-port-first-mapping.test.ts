import { describe, expect, it } from "vitest";
import { chooseContainerPort } from "../../../../lambda/core/consumers/resolve-task-address.js";
import { aTaskDefinition } from "../builders.js";

describe("chooseContainerPort without a tag or a consuming container with a port", () => {
  it("skips containers that map no port and takes the first mapping of one that does", () => {
    const definition = aTaskDefinition({
      containers: [
        { name: "log-router", portMappings: [] },
        { name: "orders-api", portMappings: [{ containerPort: 8080 }] },
      ],
    });
    expect(chooseContainerPort(definition, "log-router", undefined)).toBe(8080);
    expect(chooseContainerPort(definition, undefined, undefined)).toBe(8080);
  });
});

import { describe, expect, it } from "vitest";
import { readProbeSettings } from "../../../../lambda/core/probes/probe-settings.js";

const defaults = {
  path: "/auth",
  issuer: "default-iss",
  timeoutMs: 2000,
  concurrency: 16,
  securityProbes: true,
};

describe("readProbeSettings", () => {
  it("uses the function's defaults when the service has no tags", () => {
    expect(readProbeSettings({}, defaults)).toEqual({
      path: "/auth",
      scheme: "http",
      issuer: "default-iss",
      optedOut: false,
      ignoredTags: [],
    });
  });

  it("lets every tag override its default", () => {
    const settings = readProbeSettings(
      {
        "rollout-verifier:probe-path": "check",
        "rollout-verifier:probe-port": "9090",
        "rollout-verifier:probe-expect": "200, 204",
        "rollout-verifier:probe-scheme": "HTTPS",
        "rollout-verifier:issuer": "svc-iss",
        "rollout-verifier:audience": "svc-aud",
      },
      defaults,
    );
    expect(settings).toEqual({
      path: "/check",
      containerPort: 9090,
      expectStatus: [200, 204],
      scheme: "https",
      issuer: "svc-iss",
      audience: "svc-aud",
      optedOut: false,
      ignoredTags: [],
    });
  });

  it("falls back to the defaults for malformed tags and names each one it ignored", () => {
    const settings = readProbeSettings(
      {
        "rollout-verifier:probe-port": "http",
        "rollout-verifier:probe-expect": "2xx",
        "rollout-verifier:probe-scheme": "grpc",
      },
      defaults,
    );
    expect(settings).not.toHaveProperty("containerPort");
    expect(settings).not.toHaveProperty("expectStatus");
    expect(settings.scheme).toBe("http");
    expect(settings.ignoredTags).toEqual([
      'rollout-verifier:probe-port="http" (not a decimal port 1-65535)',
      'rollout-verifier:probe-expect="2xx" (not a list of 3-digit HTTP statuses 100-599)',
      'rollout-verifier:probe-scheme="grpc" (not http or https)',
    ]);
  });

  it.each(["1e3", "0x1F90", " 8080", "8080.0", "+80", "0", "65536", "-1", ""])(
    "rejects the port tag %j with its reason instead of reading it loosely",
    (value) => {
      const settings = readProbeSettings({ "rollout-verifier:probe-port": value }, defaults);
      expect(settings).not.toHaveProperty("containerPort");
      expect(settings.ignoredTags).toEqual([
        `rollout-verifier:probe-port="${value}" (not a decimal port 1-65535)`,
      ]);
    },
  );

  it("accepts decimal ports from 1 to 65535", () => {
    for (const [value, port] of [
      ["1", 1],
      ["080", 80],
      ["65535", 65535],
    ] as const)
      expect(readProbeSettings({ "rollout-verifier:probe-port": value }, defaults).containerPort).toBe(port);
  });

  it("rejects expected statuses that are not 3 decimal digits", () => {
    for (const value of ["2e2", "0xC8", "200.0", "99", "600"])
      expect(readProbeSettings({ "rollout-verifier:probe-expect": value }, defaults)).not.toHaveProperty(
        "expectStatus",
      );
    expect(
      readProbeSettings({ "rollout-verifier:probe-expect": "200, 204 401" }, defaults).expectStatus,
    ).toEqual([200, 204, 401]);
  });

  it("does not probe without any path, nor an opted-out service", () => {
    expect(readProbeSettings({}, { ...defaults, path: undefined })).not.toHaveProperty("path");
    expect(readProbeSettings({ "rollout-verifier:opt-out": "true" }, defaults)).toMatchObject({
      optedOut: true,
    });
    expect(readProbeSettings({ "rollout-verifier:opt-out": "true" }, defaults)).not.toHaveProperty("path");
  });
});

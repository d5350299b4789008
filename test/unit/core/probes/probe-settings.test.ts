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
      'rollout-verifier:probe-port="http" (not a port)',
      'rollout-verifier:probe-expect="2xx" (not a list of HTTP statuses)',
      'rollout-verifier:probe-scheme="grpc" (not http or https)',
    ]);
  });

  it("does not probe without any path, nor an opted-out service", () => {
    expect(readProbeSettings({}, { ...defaults, path: undefined })).not.toHaveProperty("path");
    expect(readProbeSettings({ "rollout-verifier:opt-out": "true" }, defaults)).toMatchObject({
      optedOut: true,
    });
    expect(readProbeSettings({ "rollout-verifier:opt-out": "true" }, defaults)).not.toHaveProperty("path");
  });
});

import { describe, expect, it } from "vitest";
import { exitCodeForError } from "../../../../cli/commands/exit-code-for-error.js";
import { AwsCallError, SecretNotFoundError } from "../../../../lambda/errors.js";

describe("exitCodeForError", () => {
  it("makes a missing region a configuration error (2), even wrapped in a failed call", () => {
    const wrapped = new AwsCallError("DescribeSecret", "prod/jwt", new Error("Region is missing"));
    expect(exitCodeForError(wrapped, "verify")).toEqual({
      code: 2,
      message: expect.stringMatching(/^No AWS region: pass --region, set AWS_REGION/),
    });
  });

  it("makes missing credentials a configuration error (2)", () => {
    const cause = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    const { code, message } = exitCodeForError(new AwsCallError("ListClusters", "account", cause), "verify");
    expect(code).toBe(2);
    expect(message).toContain("No usable AWS credentials: Could not load credentials from any providers.");
  });

  it("keeps a secret that does not exist an AWS answer (3), pointing at the name and the account", () => {
    const { code, message } = exitCodeForError(new SecretNotFoundError("secret prod/x not found"), "verify");
    expect(code).toBe(3);
    expect(message).toContain("Check the secret's name or ARN");
  });

  it("keeps any other failed call 3, naming call and resource", () => {
    const cause = Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" });
    const { code, message } = exitCodeForError(new AwsCallError("ListServices", "prod", cause), "verify");
    expect(code).toBe(3);
    expect(message).toContain("ListServices on prod failed: AccessDeniedException");
  });
});

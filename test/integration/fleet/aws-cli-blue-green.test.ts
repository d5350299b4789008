import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fleet, startFleet } from "../../../fleet/start-fleet.js";
import { CrossCheckTool, crossCheckToolsAvailable } from "../../support/cross-check-tools.js";
import { type CliJson, runAws } from "./fleet-test-helpers.js";

/** The tool this suite cross-checks with; see test/support/cross-check-tools.ts. */
const available = crossCheckToolsAvailable(CrossCheckTool.awsCli);

const hook = {
  hookTargetArn: "arn:aws:lambda:eu-west-1:123456789012:function:cli-gate",
  roleArn: "arn:aws:iam::123456789012:role/ecs-lifecycle-hooks",
  lifecycleStages: ["POST_SCALE_UP"],
  hookDetails: { checkedBy: "aws-cli" },
};
let fleet: Fleet;
const payloads: CliJson[] = [];
const aws = (...args: string[]) => runAws(fleet.endpoint, args);

beforeAll(async () => {
  if (!available) return;
  fleet = await startFleet({
    taskStartDelayMs: 20,
    deploymentPacing: { stepDelayMs: 5 },
    lifecycleHookTiming: { msPerSecond: 1 },
  });
  fleet.lambdaFunctions.register("cli-gate", async (payload) => {
    payloads.push(payload as CliJson);
    return { ok: true, result: { hookStatus: "SUCCEEDED" } };
  });
});

afterAll(async () => {
  if (!available) return;
  await fleet?.stop();
});

describe.runIf(available)(
  "the AWS CLI configures blue/green deployments with lifecycle hooks on the fleet",
  () => {
    it("creates a BLUE_GREEN service with a hook, deploys it again, and reads the deployment and its revision", async () => {
      const secret = (await fleet.secrets.operations.CreateSecret?.({
        Name: "cli/bg",
        SecretString: "cli-blue-green-key-0123456789",
      })) as { ARN: string };
      await aws("ecs", "create-cluster", "--cluster-name", "clibg");
      const container = {
        name: "api",
        image: "sample/jwt-api:jose",
        portMappings: [{ containerPort: 8080 }],
        secrets: [{ name: "JWT_SECRET", valueFrom: secret.ARN }],
      };
      await aws(
        "ecs",
        "register-task-definition",
        "--family",
        "clibg",
        "--network-mode",
        "awsvpc",
        "--execution-role-arn",
        "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "--container-definitions",
        JSON.stringify([container]),
      );
      const configuration = { strategy: "BLUE_GREEN", bakeTimeInMinutes: 0, lifecycleHooks: [hook] };
      const { service } = await aws(
        "ecs",
        "create-service",
        "--cluster",
        "clibg",
        "--service-name",
        "api",
        "--task-definition",
        "clibg",
        "--desired-count",
        "1",
        "--network-configuration",
        "awsvpcConfiguration={subnets=[subnet-0local]}",
        "--deployment-configuration",
        JSON.stringify(configuration),
      );
      expect(service.deploymentConfiguration).toMatchObject({
        strategy: "BLUE_GREEN",
        lifecycleHooks: [{ ...hook, targetType: "AWS_LAMBDA" }],
      });
      // The CLI waiter polls every 15 s; the fleet's own wait says the same sooner.
      await fleet.waitForSteadyState("clibg", "api", { timeoutMs: 20_000 });
      const updated = await aws(
        "ecs",
        "update-service",
        "--cluster",
        "clibg",
        "--service",
        "api",
        "--force-new-deployment",
      );
      const arn = updated.service.currentServiceDeployment as string;
      await fleet.waitFor(
        () =>
          [...fleet.ecs.services.values()].some((s) =>
            s.history.some(
              (d) => d.serviceDeploymentArn === arn && d.serviceDeploymentStatus === "SUCCESSFUL",
            ),
          ),
        "the forced blue/green deployment",
        { timeoutMs: 20_000 },
      );
      const { serviceDeployments } = await aws(
        "ecs",
        "describe-service-deployments",
        "--service-deployment-arns",
        arn,
      );
      expect(serviceDeployments[0]).toMatchObject({ status: "SUCCESSFUL", lifecycleStage: "CLEAN_UP" });
      const listed = await aws("ecs", "list-service-deployments", "--cluster", "clibg", "--service", "api");
      expect(listed.serviceDeployments.map((brief: CliJson) => brief.serviceDeploymentArn)[0]).toBe(arn);
      const revisionArn = serviceDeployments[0].targetServiceRevision.arn as string;
      const { serviceRevisions } = await aws(
        "ecs",
        "describe-service-revisions",
        "--service-revision-arns",
        revisionArn,
      );
      expect(serviceRevisions[0].taskDefinition).toMatch(/:task-definition\/clibg:1$/);
      expect(payloads.at(-1)).toMatchObject({
        lifecycleStage: "POST_SCALE_UP",
        resourceArn: arn,
        executionDetails: { targetServiceRevisionArn: revisionArn },
        hookDetails: { checkedBy: "aws-cli" },
      });
    }, 90_000);

    it("refuses a Lambda hook without a role as InvalidParameterException", async () => {
      const { roleArn: _role, ...withoutRole } = hook;
      const refused = aws(
        "ecs",
        "update-service",
        "--cluster",
        "clibg",
        "--service",
        "api",
        "--deployment-configuration",
        JSON.stringify({ lifecycleHooks: [withoutRole] }),
      );
      await expect(refused).rejects.toThrow(/InvalidParameterException/);
    }, 30_000);
  },
);

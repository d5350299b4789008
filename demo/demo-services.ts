import {
  CreateClusterCommand,
  CreateServiceCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { appContainer, fargateTaskDefinition } from "../fleet/scenario/fargate-task-definition.js";

export const demoCluster = "demo";
export const demoSecretName = "demo/jwt-signing-key";

/** One service of the demo fleet: which sample app it runs and where the verifier may probe it. */
export interface DemoService {
  readonly name: string;
  readonly image: string;
  readonly desiredCount: number;
  /** The `rollout-verifier:probe-path` tag; null for a service without a JWT endpoint. */
  readonly probePath: string | null;
  /**
   * For a service that signs tokens: where the verifier asks each task for one (the
   * `rollout-verifier:issue-path` tag, POST with the fixed body of the service's test principal).
   */
  readonly issuePath?: string;
}

/** The fixed request body of the issuer's test principal (`rollout-verifier:issue-body`). */
export const demoIssueBody = '{"client_id":"rollout-verifier-test"}';

/** Four consumers of one signing key, as the demo's story needs them: three verify, one signs. */
export const demoServices: readonly DemoService[] = [
  { name: "orders-api", image: "sample/jwt-api:jose", desiredCount: 3, probePath: "/api/orders" },
  {
    name: "billing-api",
    image: "sample/jwt-api:jsonwebtoken-8",
    desiredCount: 3,
    probePath: "/api/invoices",
  },
  { name: "web-frontend", image: "sample/web:no-probe", desiredCount: 2, probePath: null },
  {
    name: "auth-service",
    image: "sample/jwt-issuer:jose",
    desiredCount: 2,
    probePath: null,
    issuePath: "/token",
  },
];

/** The tags that tell the verifier how to get a service's evidence. */
function evidenceTags(service: DemoService): { key: string; value: string }[] {
  if (service.issuePath !== undefined)
    return [
      { key: "rollout-verifier:issue-path", value: service.issuePath },
      { key: "rollout-verifier:issue-method", value: "POST" },
      { key: "rollout-verifier:issue-body", value: demoIssueBody },
    ];
  return service.probePath === null ? [] : [{ key: "rollout-verifier:probe-path", value: service.probePath }];
}

/**
 * Creates the secret, cluster, task definitions and services through the public APIs, exactly as an
 * operator's IaC would against AWS. Returns the secret's full ARN.
 */
export async function createDemoFleet(
  clients: { readonly ecs: ECSClient; readonly secrets: SecretsManagerClient },
  signingKey: string,
): Promise<string> {
  const secret = await clients.secrets.send(
    new CreateSecretCommand({ Name: demoSecretName, SecretString: signingKey }),
  );
  await clients.ecs.send(new CreateClusterCommand({ clusterName: demoCluster }));
  for (const service of demoServices) {
    await clients.ecs.send(
      new RegisterTaskDefinitionCommand(
        fargateTaskDefinition(service.name, [appContainer(service.image, secret.ARN ?? "")]),
      ),
    );
    await clients.ecs.send(
      new CreateServiceCommand({
        cluster: demoCluster,
        serviceName: service.name,
        taskDefinition: service.name,
        desiredCount: service.desiredCount,
        launchType: "FARGATE",
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ["subnet-0demo"], securityGroups: ["sg-0demo"] },
        },
        tags: evidenceTags(service),
      }),
    );
  }
  return secret.ARN ?? demoSecretName;
}

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
}

/** Three consumers of one signing key, as the demo's story needs them. */
export const demoServices: readonly DemoService[] = [
  { name: "orders-api", image: "sample/jwt-api:jose", desiredCount: 3, probePath: "/api/orders" },
  {
    name: "billing-api",
    image: "sample/jwt-api:jsonwebtoken-8",
    desiredCount: 3,
    probePath: "/api/invoices",
  },
  { name: "web-frontend", image: "sample/web:no-probe", desiredCount: 2, probePath: null },
];

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
        tags:
          service.probePath === null
            ? []
            : [{ key: "rollout-verifier:probe-path", value: service.probePath }],
      }),
    );
  }
  return secret.ARN ?? demoSecretName;
}

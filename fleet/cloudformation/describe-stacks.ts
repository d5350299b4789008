import { randomUUID } from "node:crypto";
import type { FleetIdentity } from "../contracts.js";

/** One stack the fleet reports: its name and outputs (what `rollout-verifier report --stack` reads). */
export interface LocalStack {
  readonly stackName: string;
  readonly outputs: Readonly<Record<string, string>>;
}

/** An answer in CloudFormation's query protocol: an HTTP status and an XML body. */
export interface QueryAnswer {
  readonly status: number;
  readonly xml: string;
}

const namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

/**
 * CloudFormation's `DescribeStacks` (query protocol: a form-encoded `Action=DescribeStacks&
 * StackName=…` answered in XML), for the stacks the fleet stands in for; any other action, or a
 * stack it does not know, is refused as CloudFormation refuses it (`ValidationError`, "Stack with
 * id … does not exist").
 */
export function answerCloudFormation(
  params: URLSearchParams,
  stacks: readonly LocalStack[],
  identity: FleetIdentity,
): QueryAnswer {
  const action = params.get("Action");
  if (action !== "DescribeStacks") return error("InvalidAction", `Could not find operation ${action ?? ""}`);
  const name = params.get("StackName");
  const matching = stacks.filter((stack) => name === null || stack.stackName === name);
  if (matching.length === 0) return error("ValidationError", `Stack with id ${name ?? ""} does not exist`);
  const members = matching.map((stack) => {
    const outputs = Object.entries(stack.outputs)
      .map(
        ([key, value]) =>
          `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
      )
      .join("");
    const id = `arn:aws:cloudformation:${identity.region}:${identity.account}:stack/${stack.stackName}/00000000-0000-0000-0000-000000000000`;
    return `<member><StackId>${id}</StackId><StackName>${escapeXml(stack.stackName)}</StackName><CreationTime>2026-01-01T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${outputs}</Outputs></member>`;
  });
  return {
    status: 200,
    xml: `<DescribeStacksResponse xmlns="${namespace}"><DescribeStacksResult><Stacks>${members.join("")}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  };
}

function error(code: string, message: string): QueryAnswer {
  return {
    status: 400,
    xml: `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

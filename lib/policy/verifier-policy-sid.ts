/** Statement ids, stable so that tests, cdk-nag acknowledgements, the README and reviewers can name a statement. */
export const VerifierPolicySid = {
  readSecrets: "ReadWatchedSecrets",
  decryptSecrets: "DecryptWatchedSecrets",
  secretHistory: "LookUpSecretHistory",
  listClusters: "ListAllClusters",
  listClusterResources: "ListServicesAndTasks",
  describeClusterResources: "DescribeServicesAndTasks",
  describeTaskDefinitions: "DescribeTaskDefinitions",
  describeServiceRevisions: "DescribeServiceRevisions",
  describeServiceDeployments: "DescribeServiceDeployments",
  forceRedeploy: "ForceRedeployServices",
  bridgeContainerInstances: "DescribeBridgeContainerInstances",
  bridgeInstances: "DescribeBridgeHostInstances",
  readTaskLogs: "ReadTaskLogStreams",
  writeLogs: "WriteOwnLogs",
  receiveRuns: "ReceiveRunRequests",
  vpcNetworking: "ManageVpcNetworkInterfaces",
  denyCodeNetworking: "DenyNetworkInterfaceCallsFromCode",
} as const;
export type VerifierPolicySid = (typeof VerifierPolicySid)[keyof typeof VerifierPolicySid];

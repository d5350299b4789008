/**
 * Help for every command, each with an example. Tokens are read from stdin in the examples so
 * that they stay out of shell history.
 */
export const helpText = {
  main: `rollout-verifier: prove that an ECS fleet picked up a rotated Secrets Manager secret

Usage: rollout-verifier <command> [options]

Commands:
  report        what the deployed verifier already found: its latest run reports, from CloudWatch Logs
  verify        verify every task consuming a secret (read-only unless --redeploy)
  diagnose      find which version of a secret signed a token, and why it is rejected
  decode        show a token's header and claims without verifying it, with warnings
  fingerprint   print the key fingerprint the verifier logs (never the key)

Options:
  --help        help for a command: rollout-verifier <command> --help
  --version     print the version
  --output json (or --json) on every command: the same data, machine-readable

AWS credentials and region come from the SDK default chain; --profile and --region override them.
AWS_ENDPOINT_URL points every AWS call at another endpoint (the local fleet, for example).

Example:
  pbpaste | rollout-verifier diagnose --secret-id prod/jwt-signing
  (on Linux, \`xclip -o -selection clipboard\` or \`wl-paste\` instead of pbpaste)
`,
  decode: `Usage: rollout-verifier decode [TOKEN] [--json]

Decodes a JWT's header and claims WITHOUT verifying it and warns about what makes verifiers
reject it: alg none, HS vs RS/ES, missing or past exp, nbf/iat in the future (clock skew),
padding or standard base64 in a segment, whitespace or line breaks, kid.
The token is read from stdin when TOKEN is omitted, and may be a whole "Authorization: Bearer ..."
header line; it is never printed in full, and input that is not a JWT is not echoed at all.

Exit codes: 0 nothing wrong on its face, 1 warnings, 2 not a JWT.

Example:
  pbpaste | rollout-verifier decode
`,
  fingerprint: `Usage: rollout-verifier fingerprint --secret-id ID [--version-stage S | --version-id V] [--json-key K]
                                    [--profile P] [--region R] [--json]

Prints the key fingerprint the verifier logs: "sha256:" plus 16 hex digits of the SHA-256 of the
key material exactly as stored (the whole SecretString, or the JSON field named by --json-key).
Services can log the same value at startup; compare it across environments. Never prints the key.
Defaults to --version-stage AWSCURRENT.

Exit codes: 0 printed, 2 usage or configuration error (no region, credentials or profile), the
secret is not in the expected format, or no version carries the label; 3 AWS error.

Example:
  rollout-verifier fingerprint --secret-id prod/jwt-signing --version-stage AWSPREVIOUS
`,
  diagnose: `Usage: rollout-verifier diagnose --secret-id ID [TOKEN] [--issuer ISS] [--audience AUD]
                                 [--json-key K] [--profile P] [--region R] [--json]

Finds which labelled version of the secret (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom labels)
signed the token, or none, and names the likely root cause: a stale issuer on the previous key,
an HS256 token made with a key pair's PEM as the HMAC secret, an RS/ES token against a shared
secret, a PEM with mangled line breaks, base64 vs base64url, issuer/audience mismatch, expiry.
Causes are numbered most urgent first, each with its code ([expired], [signed-by-previous]...):
security findings (alg-none, hmac-with-key-pair), then claims, then format, then which key signed.
The token is read from stdin when TOKEN is omitted, and may be a whole "Authorization: Bearer ..."
header line; it is never printed in full.

Exit codes: 0 signed by AWSCURRENT and nothing else wrong, 1 a problem found, 2 usage or
configuration error, 3 AWS error.

Example:
  pbpaste | rollout-verifier diagnose --secret-id prod/jwt-signing --audience orders
`,
  report: `Usage: rollout-verifier report [--stack NAME | --log-group NAME] [--secret-id ID] [--service NAME]
                               [--since T] [--until T] [--runs N] [--all]
                               [--json | --output json|text] [--profile P] [--region R]

Shows what the deployed verifier already found: reads the function's latest run over the whole
secret, and the runs of single services after it (a deployment's), from its CloudWatch log group,
rebuilds each exactly as the handler returned it, and prints it as verify prints a live run (text,
or the reports themselves with --output json). Read-only: cloudformation:DescribeStacks (for
--stack) and logs:FilterLogEvents.

  --stack NAME       the stack whose LogGroupName output names the log group (default
                     EcsRolloutVerifier, the stack npx cdk deploy creates)
  --log-group NAME   read this log group instead
  --secret-id ID     only this secret's runs (name or ARN)
  --service NAME     only runs that include this service (text shows only it)
  --since T          from T: 30m, 6h, 2d before now, or an ISO time (default 24h)
  --until T          up to T (default now)
  --runs N           the latest N runs over the whole secret of each secret (default 1)
  --all              list every task, converged services' too

Exit codes: 0 each service's latest verdict is converged, 1 something is stale, blocked or failed,
or a security finding or a gap, 2 usage or configuration error, 3 AWS error, 4 no
run report in the range.

Example:
  rollout-verifier report --stack EcsRolloutVerifier --secret-id prod/jwt-signing
`,
  verify: `Usage: rollout-verifier verify --secret-id ID [--cluster NAME]... [--service NAME]
                               [--redeploy [--redeploy-tag KEY=VALUE | --no-redeploy-tag]]
                               [--wait] [--timeout S] [--interval S] [--no-probe] [--all]
                               [--json | --output json|text] [--profile P] [--region R]

Runs the same verification as the Lambda with your credentials: finds every ECS task consuming the
secret, classifies it against the cut-over, probes it with a fresh token signed by AWSCURRENT, and
plans redeploys. Read-only unless --redeploy (then it calls UpdateService forceNewDeployment).
Without --cluster, every cluster of the account and region is searched.

  --service NAME       only this service (in the --cluster given, if exactly one)
  --redeploy           force a deployment of each stale service that carries the stack's opt-in
                       tag rollout-verifier:redeploy=true (or VERIFIER_REDEPLOY_TAG); others are
                       reported as blocked
  --redeploy-tag K=V   require another opt-in tag instead
  --no-redeploy-tag    force stale services whether opted in or not (named in the output)
  --wait               after the first run, poll read-only while a deployment is rolling (one this
                       command forced, or anyone's), until every service converged (exit 0), nothing
                       left can move by itself (exit 1: blocked, failed or stale services are listed
                       with the command that acts on each), or --timeout ran out while deployments
                       were still rolling (exit 5); each service's state goes to stderr as it changes
  --timeout S          give up after S seconds (default with --wait: 600); work not reached is
                       reported as a gap
  --interval S         seconds between --wait polls (default 10)
  --no-probe           for a laptop that cannot reach task addresses: verdicts then rest on
                       timestamps and pins only
  --all                list every task; by default a converged service is one summary line
  --json, --output json  the engine's report unchanged (the same report the Lambda returns)

On a terminal, a progress line on stderr counts tasks and probes for runs longer than a second.

Exit codes: 0 all current, 1 stale, blocked or failed services, a security finding or a gap (with
--wait: what is left needs an operator), 2 usage or configuration error (no region, credentials or
profile), 3 AWS error, 4 no consumers: nothing in the searched clusters reads the secret (a typo
looks like this), 5 --wait timed out while deployments were still rolling, 141 the reader closed the
output early (\`| head\`).

Example:
  rollout-verifier verify --secret-id prod/jwt-signing --cluster prod-api --redeploy --wait
`,
} as const;

/** A command that has help text. */
export type HelpTopic = keyof typeof helpText;

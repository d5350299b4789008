import type { LoadedVersion } from "../commands/load-version-materials.js";
import type { DecodedToken } from "../token/decode-token.js";
import type { Diagnosis } from "../token/diagnose-token.js";
import { CauseRank, rankOf } from "../token/rank-causes.js";
import { redactToken } from "../token/redact-token.js";
import type { RootCauseCode } from "../token/root-cause.js";
import type { TokenWarning } from "../token/token-warnings.js";
import { renderWarnings } from "./render-decoded.js";
import { renderTable } from "./render-table.js";
import type { Style } from "./style.js";

/** Everything `diagnose` shows; key material is absent by construction (fingerprints only). */
export interface DiagnosisView {
  readonly token: DecodedToken;
  readonly warnings: readonly TokenWarning[];
  readonly secret: { readonly arn: string; readonly name: string };
  readonly versions: readonly LoadedVersion[];
  readonly diagnosis: Diagnosis;
}

/** The human report: token summary, versions tried, signer, then the causes with next steps. */
export function renderDiagnosis(view: DiagnosisView, style: Style): string {
  const { token, diagnosis } = view;
  const kid = typeof token.header.kid === "string" ? `kid ${token.header.kid}` : "no kid";
  const rows = view.versions.map((version) => [
    version.stages.join(",") || "-",
    version.versionId,
    version.fingerprint,
  ]);
  const match = diagnosis.match;
  const signedBy =
    match === null
      ? style.red("no labelled version of this secret")
      : `${match.stages.join(",") || "no label"} (version ${match.versionId}, ${match.material}, as ${match.form}${match.over === "as-sent" ? ", over the non-base64url segments as sent" : ""})`;
  const lines = [
    `${style.bold("Token")}      ${redactToken(view.token.compact)}  ${String(token.header.alg)}, ${kid}`,
    `${style.bold("Secret")}     ${view.secret.name}  ${style.dim(view.secret.arn)}`,
    "",
    renderTable(["STAGES", "VERSION", "FINGERPRINT"], rows),
    "",
    `${style.bold("Signed by")}  ${signedBy}`,
    "",
    style.bold(diagnosis.healthy ? "Verdict" : "Likely causes, most urgent first"),
    ...diagnosis.causes.flatMap((cause, index) => [
      `  ${index + 1}. ${paintCode(cause.code, diagnosis.healthy, style)}  ${cause.summary}`,
      `     ${style.dim("Next:")} ${cause.next}`,
    ]),
    ...renderWarnings(
      view.warnings.filter((warning) => warning.severity !== "info"),
      style,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** The cause code the README's table uses, so the line can be looked up there. */
function paintCode(code: string, healthy: boolean, style: Style): string {
  const label = `[${code}]`;
  if (healthy) return style.green(label);
  return rankOf(code as RootCauseCode) === CauseRank.Security ? style.red(label) : style.bold(label);
}

/** The machine-readable form of the same view (`--json`). */
export function diagnosisJson(view: DiagnosisView): unknown {
  return {
    token: redactToken(view.token.compact),
    header: view.token.header,
    claims: view.token.claims,
    secret: view.secret,
    versions: view.versions.map(({ versionId, stages, fingerprint }) => ({ versionId, stages, fingerprint })),
    signedBy: view.diagnosis.match,
    healthy: view.diagnosis.healthy,
    causes: view.diagnosis.causes,
    warnings: view.warnings,
  };
}

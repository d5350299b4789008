import { describe, expect, it } from "vitest";
import { CauseRank, rankCauses, rankOf } from "../../../../cli/token/rank-causes.js";
import { RootCauseCode, rootCause } from "../../../../cli/token/root-cause.js";

const cause = (code: RootCauseCode) => rootCause(code, code, "next");

describe("rankCauses", () => {
  it("puts security findings first, then claims, then format, then the signing key, current key last", () => {
    const ranked = rankCauses([
      cause(RootCauseCode.SignedByCurrent),
      cause(RootCauseCode.SignedByPrevious),
      cause(RootCauseCode.MangledPem),
      cause(RootCauseCode.AudienceMismatch),
      cause(RootCauseCode.HmacWithKeyPair),
    ]);
    expect(ranked.map((item) => item.code)).toEqual([
      RootCauseCode.HmacWithKeyPair,
      RootCauseCode.AudienceMismatch,
      RootCauseCode.MangledPem,
      RootCauseCode.SignedByPrevious,
      RootCauseCode.SignedByCurrent,
    ]);
  });

  it("keeps the order of causes of equal rank", () => {
    const codes = [RootCauseCode.Expired, RootCauseCode.IssuerMismatch, RootCauseCode.AudienceMismatch];
    expect(rankCauses(codes.map(cause)).map((item) => item.code)).toEqual(codes);
  });

  it("ranks every cause code, alg none and algorithm confusion as security findings", () => {
    for (const code of Object.values(RootCauseCode)) expect(Object.values(CauseRank)).toContain(rankOf(code));
    expect(rankOf(RootCauseCode.AlgNone)).toBe(CauseRank.Security);
    expect(rankOf(RootCauseCode.HmacWithKeyPair)).toBe(CauseRank.Security);
  });
});

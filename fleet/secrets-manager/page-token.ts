import { invalidNextToken } from "./secret-errors.js";

/**
 * Opaque `NextToken`s: the offset of the next item, bound to the listing (`scope`) that issued it
 * so that a token from one listing is rejected by another with InvalidNextTokenException.
 */
export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ scope, offset }), "utf8").toString("base64url");
}

/** The offset a token points at; 0 when no token was given. */
export function decodePageToken(scope: string, token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof decoded === "object" && decoded !== null && "scope" in decoded && "offset" in decoded) {
      const { scope: tokenScope, offset } = decoded;
      if (tokenScope === scope && typeof offset === "number" && Number.isInteger(offset) && offset >= 0) {
        return offset;
      }
    }
  } catch (error) {
    throw Object.assign(invalidNextToken(), { cause: error });
  }
  throw invalidNextToken();
}

/** One page of `items` from `offset`, with the token for the next page when there is one. */
export function takePage<T>(
  items: readonly T[],
  scope: string,
  offset: number,
  maxResults: number,
): { readonly page: T[]; readonly nextToken?: string } {
  const page = items.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return next < items.length ? { page, nextToken: encodePageToken(scope, next) } : { page };
}

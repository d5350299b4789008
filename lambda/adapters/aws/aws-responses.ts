import { AwsCallError } from "../../errors.js";

/**
 * Drains a `nextToken` paginated API. Written out rather than using the SDK paginators so that
 * every request (and its page size) is explicit and visible to the client mock in tests.
 */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items?: readonly T[]; nextToken?: string }>,
  operation: string,
  resource: string,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (++pages > MAX_PAGES)
      throw new AwsCallError(
        operation,
        resource,
        new RangeError(`more than ${MAX_PAGES} pages: refusing to page forever`),
      );
    const page = await fetchPage(nextToken);
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== "");
  return items;
}

/** 1,000 pages of 100 is 100,000 services or tasks in one cluster: far past ECS quotas, so a loop. */
const MAX_PAGES = 1000;

/** A field the API documents as always present, checked rather than assumed. */
export function required<T>(
  value: T | undefined | null,
  field: string,
  operation: string,
  resource: string,
): T {
  if (value === undefined || value === null)
    throw new AwsCallError(operation, resource, new Error(`response lacks ${field}`));
  return value;
}

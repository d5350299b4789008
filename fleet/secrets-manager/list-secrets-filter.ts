import { invalidParameter } from "./secret-errors.js";
import type { SecretRecord } from "./secret-store.js";

/** One ListSecrets filter: every value ORed, a leading `!` negates a value. */
export interface SecretFilter {
  readonly key: string;
  readonly values: readonly string[];
}

const FILTER_KEYS = [
  "description",
  "name",
  "tag-key",
  "tag-value",
  "primary-region",
  "owning-service",
  "all",
];

/** Reads `Filters` (at most 10, each 1-10 values, keys from the model's enum). */
export function readFilters(raw: readonly Record<string, unknown>[]): SecretFilter[] {
  if (raw.length > 10) throw invalidParameter("Filters can contain at most 10 filters.");
  return raw.map(({ Key, Values }) => {
    if (typeof Key !== "string" || !FILTER_KEYS.includes(Key)) {
      throw invalidParameter(`Invalid filter key: must be one of ${FILTER_KEYS.join(", ")}.`);
    }
    const values = Array.isArray(Values) ? Values : [];
    if (values.length < 1 || values.length > 10 || !values.every((value) => typeof value === "string")) {
      throw invalidParameter(`Invalid filter values for key ${Key}: 1-10 strings are required.`);
    }
    return { key: Key, values };
  });
}

/** The attribute values a filter key looks at, and whether it compares case-insensitively (per the model). */
function attributesFor(
  secret: SecretRecord,
  key: string,
): { readonly values: string[]; readonly caseless: boolean } {
  switch (key) {
    case "name":
      return { values: [secret.name], caseless: false };
    case "description":
      return { values: secret.description ? [secret.description] : [], caseless: true };
    case "tag-key":
      return { values: secret.tags.map((tag) => tag.Key), caseless: false };
    case "tag-value":
      return { values: secret.tags.map((tag) => tag.Value), caseless: false };
    case "all":
      return {
        values: [
          secret.name,
          secret.description ?? "",
          ...secret.tags.flatMap((tag) => [tag.Key, tag.Value]),
        ],
        caseless: true,
      };
    default:
      return { values: [], caseless: false };
  }
}

function matchesValue(secret: SecretRecord, key: string, wanted: string): boolean {
  const { values, caseless } = attributesFor(secret, key);
  const fold = (text: string) => (caseless ? text.toLowerCase() : text);
  if (key === "all") {
    const words = fold(wanted).split(/\s+/).filter(Boolean);
    return words.every((word) => values.some((value) => fold(value).includes(word)));
  }
  return values.some((value) => fold(value).startsWith(fold(wanted)));
}

/** Whether a secret passes every filter (prefix matches as the model documents them). */
export function matchesFilters(secret: SecretRecord, filters: readonly SecretFilter[]): boolean {
  return filters.every(({ key, values }) =>
    values.some((value) =>
      value.startsWith("!") ? !matchesValue(secret, key, value.slice(1)) : matchesValue(secret, key, value),
    ),
  );
}

import { AwsServiceError } from "../contracts.js";

/** A compiled filter pattern: whether one event's message matches. */
export type MessageFilter = (message: string) => boolean;

/**
 * The CloudWatch Logs filter pattern syntax the fleet answers: empty (every event), terms (every
 * term, or quoted phrase, appears in the message), and JSON patterns
 * `{ $.a.b = "v" && ($.c = "x" || $.c != "y") }` comparing a property to a string, `*`, or a
 * number. Anything else is refused with `InvalidParameterException`, as CloudWatch Logs refuses a
 * pattern it cannot parse, so a caller never reads a silently unfiltered answer.
 */
export function compileFilterPattern(pattern: string | undefined): MessageFilter {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (!text.startsWith("{")) {
    const terms = [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
    return (message) => terms.every((term) => message.includes(term));
  }
  if (!text.endsWith("}")) throw invalid(pattern);
  const parser = new Parser(text.slice(1, -1), pattern ?? "");
  const test = parser.parseOr();
  parser.expectEnd();
  return (message) => {
    let value: unknown;
    try {
      value = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof value === "object" && value !== null && test(value);
  };
}

type Test = (value: object) => boolean;

class Parser {
  #at = 0;
  readonly #text: string;
  readonly #pattern: string;

  constructor(text: string, pattern: string) {
    this.#text = text;
    this.#pattern = pattern;
  }

  parseOr(): Test {
    const tests = [this.#parseAnd()];
    while (this.#take("||")) tests.push(this.#parseAnd());
    return (value) => tests.some((test) => test(value));
  }

  expectEnd(): void {
    this.#skipSpace();
    if (this.#at !== this.#text.length) throw invalid(this.#pattern);
  }

  #parseAnd(): Test {
    const tests = [this.#parseTerm()];
    while (this.#take("&&")) tests.push(this.#parseTerm());
    return (value) => tests.every((test) => test(value));
  }

  #parseTerm(): Test {
    if (this.#take("(")) {
      const inner = this.parseOr();
      if (!this.#take(")")) throw invalid(this.#pattern);
      return inner;
    }
    this.#skipSpace();
    const selector = /^\$((?:\.[A-Za-z0-9_]+)+)/.exec(this.#text.slice(this.#at));
    if (!selector?.[1]) throw invalid(this.#pattern);
    this.#at += selector[0].length;
    const path = selector[1].slice(1).split(".");
    const negate = this.#take("!=");
    if (!negate && !this.#take("=")) throw invalid(this.#pattern);
    this.#skipSpace();
    const rest = this.#text.slice(this.#at);
    const literal = /^"((?:[^"\\]|\\.)*)"|^([^\s()&|]+)/.exec(rest);
    if (!literal) throw invalid(this.#pattern);
    this.#at += literal[0].length;
    const expected = literal[1] ?? literal[2] ?? "";
    const matches = (actual: unknown): boolean => {
      if (actual === undefined || actual === null || typeof actual === "object") return false;
      if (expected === "*") return true;
      if (expected.endsWith("*")) return String(actual).startsWith(expected.slice(0, -1));
      return String(actual) === expected;
    };
    return (value) => {
      let current: unknown = value;
      for (const key of path)
        current =
          current !== null && typeof current === "object"
            ? (current as Record<string, unknown>)[key]
            : undefined;
      return negate ? current !== undefined && !matches(current) : matches(current);
    };
  }

  #take(token: string): boolean {
    this.#skipSpace();
    if (!this.#text.startsWith(token, this.#at)) return false;
    this.#at += token.length;
    return true;
  }

  #skipSpace(): void {
    while (/\s/.test(this.#text[this.#at] ?? "")) this.#at += 1;
  }
}

function invalid(pattern: string | undefined): AwsServiceError {
  return new AwsServiceError("InvalidParameterException", `Invalid filter pattern: ${pattern ?? ""}`);
}

/**
 * Input PostgreSQL cannot store: a NUL character (U+0000) in a text or jsonb value makes the query
 * fail, and so does a lone UTF-16 surrogate in a jsonb value (an audit entry's before/after: JSON
 * keeps it as `\\ud800`, which PostgreSQL's JSON parser refuses), which would answer 500. Every
 * string a client sends is checked once, here, and refused with 400 (docs/design.md §3.5).
 */

export const NUL_MESSAGE = "Must not contain a NUL character (\\u0000)";
export const SURROGATE_MESSAGE = "Must be well-formed Unicode: no lone surrogate (\\ud800–\\udfff)";

export const hasNul = (value: string): boolean => value.includes("\u0000");

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
}

function pathOf(node: Node): string[] {
  const path: string[] = [];
  for (let n: Node | null = node; n !== null && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * The path of every string (value or key) holding a NUL in a JSON-like value: objects, arrays,
 * keys too, in document order. Walked with an explicit stack and parent links (a path is only
 * built for what is found), so a deeply nested body can neither overflow the stack nor cost
 * quadratic time.
 */
export const nulPaths = (input: unknown): string[][] => pathsWhere(input, hasNul);

/** The same walk, for strings (values or keys) holding a lone surrogate. */
export const loneSurrogatePaths = (input: unknown): string[][] => pathsWhere(input, hasLoneSurrogate);

function pathsWhere(input: unknown, bad: (s: string) => boolean): string[][] {
  const found: string[][] = [];
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const { value } = node;
    if ((node.key !== null && bad(node.key)) || (typeof value === "string" && bad(value))) {
      found.push(pathOf(node));
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: node });
    }
  }
  return found;
}

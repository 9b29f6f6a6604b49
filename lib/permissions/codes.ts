/**
 * Permission codes and their tree (docs/design.md §3.1): 1–6 lowercase segments `[a-z][a-z0-9_]*`
 * joined by `.`, at most 100 characters. `sites.detail` is an ancestor of
 * `sites.detail.tabs.meters`; a code need not have its ancestors in the catalog.
 */

export const MAX_CODE_LENGTH = 100;
export const MAX_CODE_SEGMENTS = 6;

const CODE_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){0,5}$/;

export function isValidCode(code: unknown): code is string {
  return typeof code === "string" && code.length <= MAX_CODE_LENGTH && CODE_PATTERN.test(code);
}

/** Proper ancestors of a code, root first: `a.b.c` → `["a", "a.b"]`. */
export function ancestorsOf(code: string): string[] {
  const out: string[] = [];
  let dot = code.indexOf(".");
  while (dot !== -1) {
    out.push(code.slice(0, dot));
    dot = code.indexOf(".", dot + 1);
  }
  return out;
}

/** The code itself and its ancestors, most specific first: `a.b.c` → `["a.b.c", "a.b", "a"]`. */
export function selfAndAncestors(code: string): string[] {
  const out = [code];
  let end = code.lastIndexOf(".");
  while (end !== -1) {
    out.push(code.slice(0, end));
    end = code.lastIndexOf(".", end - 1);
  }
  return out;
}

/** Number of segments: the depth of a code in the tree. */
export function segmentCount(code: string): number {
  let n = 1;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 46) n++;
  return n;
}

/** True when `ancestor` is `code` or one of its ancestors (prefix at a segment boundary). */
export function isSelfOrAncestor(ancestor: string, code: string): boolean {
  return (
    code === ancestor ||
    (code.length > ancestor.length && code.startsWith(ancestor) && code.charCodeAt(ancestor.length) === 46)
  );
}

/**
 * Plain code-unit order, the order of `Array.prototype.sort()` on strings. Catalog indexes follow
 * it, which makes every subtree a contiguous index range (`a`, then `a.…`, before `a0`, `a_`).
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What an audit entry changed, key by key, from its `before` and `after` JSON. Entries come in two
 * shapes: snapshots of fields (`{name, description}` before and after) and change records
 * (`after: {added: [...], removed: [...], changed: [...]}`, the codes a write granted or revoked).
 * The second are lifted out as lists, so "added" reads as codes added, not as a new field.
 */
export type DiffKind = "added" | "removed" | "changed" | "same" | "context";
export interface DiffLine {
  key: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
  plus?: unknown[];
  minus?: unknown[];
}
export interface EntryDiff {
  lines: DiffLine[];
  added: string[];
  removed: string[];
  changed: string[];
  other: unknown[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const LIST_KEYS = ["added", "removed", "changed"] as const;

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

export function diffEntry(before: unknown, after: unknown): EntryDiff {
  const out: EntryDiff = { lines: [], added: [], removed: [], changed: [], other: [] };
  const b = isObj(before) ? before : {};
  const a: Obj = isObj(after) ? { ...after } : {};
  // Non-object values (rare) are shown as they are.
  if (before !== null && before !== undefined && !isObj(before)) out.other.push(before);
  if (after !== null && after !== undefined && !isObj(after)) out.other.push(after);
  let record = false;
  for (const k of LIST_KEYS) {
    if (!(k in b) && isStringList(a[k])) {
      out[k] = a[k];
      delete a[k];
      record = true;
    }
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  for (const key of keys) {
    const inB = key in b;
    const inA = key in a;
    // A change record's `before` is the set it changed (`{codes: [...]}`): context, not a removal.
    if (inB && !inA && record) out.lines.push({ key, kind: "context", before: b[key] });
    else if (inB && !inA) out.lines.push({ key, kind: "removed", before: b[key] });
    else if (!inB && inA) out.lines.push({ key, kind: "added", after: a[key] });
    else if (sameJson(b[key], a[key])) out.lines.push({ key, kind: "same", before: b[key], after: a[key] });
    else {
      const line: DiffLine = { key, kind: "changed", before: b[key], after: a[key] };
      // Lists (parent ids, dependencies, plan items): which elements came and went.
      if (Array.isArray(b[key]) && Array.isArray(a[key])) {
        const was = b[key] as unknown[];
        const now = a[key] as unknown[];
        line.plus = now.filter((x) => !was.some((y) => sameJson(x, y)));
        line.minus = was.filter((x) => !now.some((y) => sameJson(x, y)));
      }
      out.lines.push(line);
    }
  }
  return out;
}

/** A value as one short line: strings bare, the rest as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

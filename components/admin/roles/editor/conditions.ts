/**
 * The condition builder's model, pure: rows of (field, operator, value) to and from the
 * `conditions` object a grant stores (docs/design.md §3.6), checked by the same zod schema as the
 * API and the engine's own test of what it can evaluate, and said in plain words.
 */
import { isSupportedConditions } from "@/lib/permissions/conditions";
import type { Scope } from "@/lib/permissions/types";
import { grantInput } from "@/lib/validation/roles";

/** The operators the engine evaluates (SUPPORTED_OPERATORS), with the words the builder shows. */
export const OPERATORS = [
  { op: "eq", label: "is", symbol: "=" },
  { op: "$ne", label: "is not", symbol: "≠" },
  { op: "$gt", label: "more than", symbol: ">" },
  { op: "$gte", label: "at least", symbol: "≥" },
  { op: "$lt", label: "less than", symbol: "<" },
  { op: "$lte", label: "at most", symbol: "≤" },
  { op: "$in", label: "is one of", symbol: "in" },
] as const;
export type Operator = (typeof OPERATORS)[number]["op"];

export interface ConditionRow {
  field: string;
  op: Operator;
  /** As typed: numbers and true/false are read as such; "is one of" takes a comma-separated list. */
  value: string;
}
export type Conditions = Record<string, unknown>;

function literal(text: string): unknown {
  const t = text.trim();
  if (t === "true") return true;
  if (t === "false") return false;
  if (t !== "" && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Rows → the stored object: `{amount: {$lte: 100}, region: "eu"}`; no rows → null (unconditioned). */
export function toConditions(rows: readonly ConditionRow[]): Conditions | null {
  if (rows.length === 0) return null;
  // A Map, never a plain object: a field typed as `__proto__` must stay a field (and be refused by
  // the schema), not reach Object.prototype.
  const out = new Map<string, Map<string, unknown>>();
  for (const r of rows) {
    const value = r.op === "$in" ? r.value.split(",").map(literal) : literal(r.value);
    const name = r.field.trim();
    const field = out.get(name) ?? new Map<string, unknown>();
    field.set(r.op === "eq" ? "$eq" : r.op, value);
    out.set(name, field);
  }
  // A field tested for equality alone is stored as the plain value, as the API documents it.
  return Object.fromEntries(
    [...out].map(([f, ops]) => [f, ops.size === 1 && ops.has("$eq") ? ops.get("$eq") : Object.fromEntries(ops)]),
  );
}

/** The stored object → rows (what the builder opens with); null when it is not in the builder's shape. */
export function fromConditions(conditions: unknown): ConditionRow[] | null {
  if (conditions === null || conditions === undefined) return [];
  if (typeof conditions !== "object" || Array.isArray(conditions)) return null;
  const rows: ConditionRow[] = [];
  for (const [field, test] of Object.entries(conditions)) {
    const isOps =
      test !== null &&
      typeof test === "object" &&
      !Array.isArray(test) &&
      Object.keys(test).every((k) => k.startsWith("$"));
    if (!isOps) {
      if (test !== null && typeof test === "object") return null;
      rows.push({ field, op: "eq", value: show(test) });
      continue;
    }
    for (const [op, arg] of Object.entries(test as Record<string, unknown>)) {
      const known = op === "$eq" ? "eq" : OPERATORS.find((o) => o.op === op)?.op;
      if (!known) return null;
      if (known === "$in") {
        if (!Array.isArray(arg)) return null;
        rows.push({ field, op: known, value: arg.map(show).join(", ") });
      } else if (arg !== null && typeof arg === "object") return null;
      else rows.push({ field, op: known, value: show(arg) });
    }
  }
  return rows;
}

export interface Problem {
  path: string;
  message: string;
}

/**
 * What is wrong with a grant's terms, field paths included: the builder's own rows first (an empty
 * field, the same test twice), then the API's schema (`grantInput`), then the engine's test.
 */
export function termsProblems(code: string, scope: Scope, rows: readonly ConditionRow[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const field = r.field.trim();
    if (!field) problems.push({ path: `conditions.${i}.field`, message: "Name the field" });
    else if (field.startsWith("$"))
      problems.push({ path: `conditions.${i}.field`, message: "A field cannot start with $" });
    if (r.value.trim() === "") problems.push({ path: `conditions.${i}.value`, message: "Give a value" });
    const key = `${field}|${r.op}`;
    if (seen.has(key)) problems.push({ path: `conditions.${i}.op`, message: `${field} already has this test` });
    seen.add(key);
  });
  // The API's schema and the engine's test, over the rows that name a field; a problem under a
  // field (`conditions.__proto__`) is shown on the row that typed it.
  const named = rows.filter((r) => r.field.trim() && r.value.trim());
  const conditions = toConditions(named);
  const parsed = grantInput.safeParse({ code, scope, conditions });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [head, field] = issue.path.map(String);
      const row = head === "conditions" && field !== undefined ? rows.findIndex((r) => r.field.trim() === field) : -1;
      problems.push({
        path: row >= 0 ? `conditions.${row}.field` : issue.path.map(String).join("."),
        message: issue.message,
      });
    }
  else if (conditions && !isSupportedConditions(conditions))
    problems.push({ path: "conditions", message: "The engine cannot evaluate these conditions" });
  return problems;
}

export const SCOPE_WORDS: Record<Scope, string> = {
  global: "anywhere",
  organization: "in this organization",
  department: "only for resources of the member's own department",
  team: "only for resources of one of the member's teams",
  personal: "only for resources the member owns",
};

/** "only when amount ≤ 100 and region is one of eu, us" (empty when unconditioned). */
export function conditionWords(rows: readonly ConditionRow[]): string {
  if (rows.length === 0) return "";
  const parts = rows.map((r) => {
    const op = OPERATORS.find((o) => o.op === r.op)!;
    const value =
      r.op === "$in"
        ? r.value
            .split(",")
            .map((v) => v.trim())
            .join(", ")
        : r.value.trim();
    return r.op === "eq" || r.op === "$ne" || r.op === "$in"
      ? `${r.field.trim()} ${op.label} ${value}`
      : `${r.field.trim()} ${op.symbol} ${value}`;
  });
  return `only when ${parts.join(" and ")}`;
}

/** The whole grant in words: its scope, then its conditions. */
export function termsWords(scope: Scope, rows: readonly ConditionRow[]): string {
  const c = conditionWords(rows);
  return [SCOPE_WORDS[scope], c].filter(Boolean).join(", ");
}

/**
 * Scope and conditions of a grant (docs/design.md §3.6).
 *
 * Conditions are a JSON object of field conditions over the decision context, evaluated by sift
 * (never `eval`). Only equality, `$eq`, `$in` (with an array), `$ne`, `$gt`, `$gte`, `$lt` and
 * `$lte` are supported. Anything else — `$or`, `$where`, `$regex`, `$not`, `$exists`, a top-level
 * operator, an operator object mixed with plain keys, an operator inside an equality object, a
 * non-object `conditions`, or past the limits of §3.5 — is refused when the snapshot is compiled,
 * and the grant then never counts: a condition we cannot read fails closed, never silently ignored.
 */
import * as siftModule from "sift";
import type { Conditions, DecisionContext, Scope, SnapshotMember } from "./types";

type SiftLib = typeof siftModule;
// sift ships a UMD bundle: Node's ESM loader only exposes it as `default`, bundlers as named exports.
const sift: SiftLib =
  typeof (siftModule as Partial<SiftLib>).createQueryTester === "function"
    ? siftModule
    : (siftModule as unknown as { default: SiftLib }).default;

const OPERATIONS = {
  $eq: sift.$eq,
  $in: sift.$in,
  $ne: sift.$ne,
  $gt: sift.$gt,
  $gte: sift.$gte,
  $lt: sift.$lt,
  $lte: sift.$lte,
};

export const SUPPORTED_OPERATORS: readonly string[] = Object.keys(OPERATIONS);

export type ConditionTest = (context: DecisionContext) => boolean;

/** The test of conditions that cannot be evaluated: never holds (compile.ts drops such grants). */
export const UNREADABLE: ConditionTest = () => false;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Limits of a stored condition (§3.5): deeper or larger ones are refused when written. */
export const MAX_CONDITION_DEPTH = 8;
export const MAX_CONDITION_BYTES = 8 * 1024;
/** Keys that change an object's prototype or shadow its machinery: sift, zod and spreads treat them specially. */
export const FORBIDDEN_CONDITION_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

export interface ConditionProblem {
  path: string[];
  message: string;
}

/**
 * What makes `conditions` unsafe to store or to evaluate: more than MAX_CONDITION_DEPTH levels of
 * objects and arrays, a forbidden key anywhere, more than MAX_CONDITION_BYTES of JSON. Walked with
 * an explicit stack, never recursion, so that a 2,500-level value cannot overflow the stack here.
 */
export function conditionProblems(conditions: unknown): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: conditions, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_CONDITION_DEPTH) {
      problems.push({ path, message: `At most ${MAX_CONDITION_DEPTH} levels deep` });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_CONDITION_KEYS.includes(key))
        problems.push({ path: [...path, key], message: `The key "${key}" is not allowed` });
      else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  if (problems.length > 0) return problems;
  const bytes = new TextEncoder().encode(JSON.stringify(conditions) ?? "").byteLength;
  return bytes > MAX_CONDITION_BYTES ? [{ path: [], message: `At most ${MAX_CONDITION_BYTES} bytes as JSON` }] : [];
}

/** True when no key anywhere inside starts with `$` (a literal value compared for equality). */
function isLiteral(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isLiteral);
  if (isPlainObject(value)) return Object.entries(value).every(([k, v]) => !k.startsWith("$") && isLiteral(v));
  return true;
}

function isSupportedFieldCondition(value: unknown): boolean {
  if (!isPlainObject(value)) return isLiteral(value);
  const keys = Object.keys(value);
  const operators = keys.filter((k) => k.startsWith("$"));
  if (operators.length === 0) return isLiteral(value);
  if (operators.length !== keys.length) return false;
  return operators.every((op) => {
    const arg = value[op];
    if (!SUPPORTED_OPERATORS.includes(op)) return false;
    if (op === "$in") return Array.isArray(arg) && isLiteral(arg);
    return isLiteral(arg);
  });
}

/** Whether `conditions` only uses what §3.6 allows (see the file comment), within the limits above. */
export function isSupportedConditions(conditions: unknown): conditions is Conditions {
  if (!isPlainObject(conditions) || conditionProblems(conditions).length > 0) return false;
  return Object.entries(conditions).every(
    ([field, value]) => !field.startsWith("$") && isSupportedFieldCondition(value),
  );
}

/** The value at a dotted path of the context, or undefined when any step of it is missing. */
function fieldAt(context: unknown, path: string): unknown {
  let value = context;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Compile conditions once. Whatever cannot be evaluated (unsupported, too deep, a forbidden key,
 * sift throwing) gives UNREADABLE: that grant never holds, with or without a context, and compiling
 * never throws — one bad row must not take its tenant down. A field the context lacks makes the
 * condition fail: sift lets `$ne` and `$in: [null]` match a missing field, we do not (fail closed).
 */
export function compileConditions(conditions: Conditions): ConditionTest {
  try {
    if (!isSupportedConditions(conditions)) return UNREADABLE;
    const fields = Object.keys(conditions);
    const test = sift.createQueryTester(conditions, { operations: OPERATIONS });
    return (context) => {
      try {
        return fields.every((f) => fieldAt(context, f) !== undefined) && test(context) === true;
      } catch {
        return false;
      }
    };
  } catch {
    return UNREADABLE;
  }
}

/** Scope ranks, widest first: global > organization > department > team > personal. */
export const SCOPE_RANK: Readonly<Record<Scope, number>> = {
  global: 0,
  organization: 1,
  department: 2,
  team: 3,
  personal: 4,
};

/**
 * Whether a grant's scope holds for `context.resource` (§3.6), once a context is given. A field
 * the scope needs that the resource lacks (or no resource at all) makes it fail: only organization
 * and global hold without one. `member` is undefined for a non-member (team and department fail).
 */
export function scopeHolds(
  scope: Scope,
  context: DecisionContext,
  userId: string,
  tenantId: string,
  member: SnapshotMember | undefined,
): boolean {
  const given: unknown = context.resource;
  const resource: NonNullable<DecisionContext["resource"]> =
    given !== null && typeof given === "object" ? (given as NonNullable<DecisionContext["resource"]>) : {};
  switch (scope) {
    case "global":
      return true;
    case "organization":
      return resource.tenant_id === undefined || resource.tenant_id === null || resource.tenant_id === tenantId;
    case "department":
      return (
        resource.department_id !== undefined &&
        resource.department_id !== null &&
        member !== undefined &&
        member.departmentId !== null &&
        resource.department_id === member.departmentId
      );
    case "team":
      return (
        resource.team_id !== undefined &&
        resource.team_id !== null &&
        member !== undefined &&
        member.teamIds.includes(resource.team_id)
      );
    case "personal":
      return resource.owner_id !== undefined && resource.owner_id === userId;
    default:
      return false;
  }
}

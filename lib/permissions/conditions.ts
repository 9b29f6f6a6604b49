/**
 * Scope and conditions of a grant (docs/design.md §3.6).
 *
 * Conditions are a JSON object of field conditions over the decision context, evaluated by sift
 * (never `eval`). Only equality, `$eq`, `$in` (with an array), `$ne`, `$gt`, `$gte`, `$lt` and
 * `$lte` are supported. Anything else — `$or`, `$where`, `$regex`, `$not`, `$exists`, a top-level
 * operator, an operator object mixed with plain keys, an operator inside an equality object, a
 * non-object `conditions` — is refused when the snapshot is compiled, and the grant's conditions
 * then never hold: a condition we cannot read fails closed, it is never silently ignored.
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

const NEVER: ConditionTest = () => false;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
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

/** Whether `conditions` only uses what §3.6 allows (see the file comment). */
export function isSupportedConditions(conditions: unknown): conditions is Conditions {
  if (!isPlainObject(conditions)) return false;
  return Object.entries(conditions).every(
    ([field, value]) => !field.startsWith("$") && isSupportedFieldCondition(value),
  );
}

/** Compile conditions once; unsupported ones give a test that never holds. */
export function compileConditions(conditions: Conditions): ConditionTest {
  if (!isSupportedConditions(conditions)) return NEVER;
  try {
    const test = sift.createQueryTester(conditions, { operations: OPERATIONS });
    return (context) => {
      try {
        return test(context) === true;
      } catch {
        return false;
      }
    };
  } catch {
    return NEVER;
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
 * Whether a grant's scope holds for `context.resource` (§3.6). Without a resource every scope
 * holds. `member` is undefined for a user who is not a member (then team and department fail).
 */
export function scopeHolds(
  scope: Scope,
  context: DecisionContext,
  userId: string,
  tenantId: string,
  member: SnapshotMember | undefined,
): boolean {
  const resource = context.resource;
  if (resource === undefined || resource === null) return true;
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

/**
 * Explanations (docs/design.md §3.3): one step per rule of §3.2, in order, then MFA and deprecation.
 * A rule before the deciding one is a `skip` saying why it did not apply; the deciding rule says
 * `granted` or `denied` and through what; rules after it are `skip`, not reached.
 *
 * A user who is not an active member gets the membership step and nothing else of substance:
 * no role, override, plan or catalog detail is disclosed about them.
 */
import { isSelfOrAncestor } from "./codes";
import type { CompiledOverride, CompiledUser, TenantData } from "./compile";
import { expiredAssignments, type GrantMatch, isUnexpired, type Trace } from "./rules";
import type { Decision, ExplainStep, Reason } from "./types";

type Rule = ExplainStep["rule"];

const RULES: readonly Reason[] = [
  "unknown",
  "inactive",
  "plan",
  "superadmin",
  "override",
  "role",
  "none",
  "dependency",
];

function when(expiresAt: number | null): string {
  return expiresAt === null ? "no expiry" : `expires ${new Date(expiresAt).toISOString()}`;
}

function describeOverride(o: CompiledOverride): string {
  return `override ${o.effect} on ${o.code} (${when(o.expiresAt)})`;
}

function list(items: string[]): string {
  return items.length === 0 ? "none" : items.join(", ");
}

function roleName(t: TenantData, idx: number): string {
  return t.roles[idx]?.name ?? "?";
}

function describeMatch(t: TenantData, m: GrantMatch): string {
  const role = `Role ${roleName(t, m.roleIdx)} grants ${m.code} (scope ${m.scope})`;
  if (m.failed === "scope") return `${role}, but the scope does not hold for this resource`;
  if (m.failed === "conditions") return `${role}, but its conditions do not hold for this context`;
  return role;
}

interface StepContext {
  t: TenantData;
  user: CompiledUser;
  code: string;
  idx: number | undefined;
  now: number;
  decision: Decision;
  trace: Trace;
}

function ruleStep(c: StepContext, rule: Reason): ExplainStep {
  const { t, code, idx, decision, trace } = c;
  const perm = idx === undefined ? undefined : t.perms[idx];
  const decidedAt = RULES.indexOf(trace.firstReason ?? "none");
  const at = RULES.indexOf(rule);
  if (rule === "dependency") {
    if (decision.reason !== "dependency" && !decision.granted)
      return { rule, outcome: "skip", detail: "Not reached: only granted permissions are checked for dependencies." };
    const dep = trace.dependency;
    if (dep?.missing) {
      return {
        rule,
        outcome: "denied",
        detail: `Depends on ${dep.missing.code}, which is not granted (reason ${dep.missing.reason}).`,
        data: { ...dep.missing, checked: dep.checked },
      };
    }
    const checked = dep?.checked ?? [];
    return checked.length === 0
      ? { rule, outcome: "granted", detail: `${code} has no dependencies.` }
      : { rule, outcome: "granted", detail: `Every dependency is granted: ${list(checked)}.`, data: { checked } };
  }
  if (at > decidedAt) return { rule, outcome: "skip", detail: `Not reached: decided by rule ${trace.firstReason}.` };
  const outcome =
    at === decidedAt ? (decision.reason === "dependency" || decision.granted ? "granted" : "denied") : "skip";
  switch (rule) {
    case "unknown":
      if (perm === undefined)
        return { rule, outcome, detail: `${code} is in neither the global catalog nor the tenant's.` };
      return {
        rule,
        outcome,
        detail:
          perm.tenantId === null
            ? `${code} is in the global catalog.`
            : `${code} is a custom permission of this tenant.`,
      };
    case "inactive":
      return { rule, outcome, detail: outcome === "denied" ? `${code} is inactive.` : `${code} is active.` };
    case "plan": {
      const plan = t.snapshot.plan;
      const gate = idx === undefined ? null : t.planGates[idx];
      if (gate == null) return { rule, outcome, detail: `${code} is under no menu item: not plan-gated.` };
      const item = `Menu item ${gate.item.name} (${gate.item.resource})`;
      if (plan === null)
        return { rule, outcome, detail: `${item} owns ${code}; the tenant has no plan: no plan gating.` };
      const plans = t.snapshot.menuItemPlans[gate.item.id] ?? [];
      if (!gate.blocked) return { rule, outcome, detail: `${item} is included in plan ${plan.name}.` };
      return {
        rule,
        outcome,
        detail: `${item} is not in plan ${plan.name}; included in: ${list(plans)}.`,
        data: { menu_item: gate.item.code, resource: gate.item.resource, plans },
      };
    }
    case "superadmin":
      return {
        rule,
        outcome,
        detail:
          outcome === "granted" ? "The user is a platform super-admin." : "The user is not a platform super-admin.",
      };
    case "override":
      return overrideStep(c, outcome);
    case "role":
      return roleStep(c, outcome);
    case "none":
      return {
        rule,
        outcome,
        detail: outcome === "denied" ? `No override or role grants ${code}.` : `Not applicable.`,
      };
  }
}

function overrideStep(c: StepContext, outcome: ExplainStep["outcome"]): ExplainStep {
  const { user, code, now, trace } = c;
  const expired = user.overrides.filter((o) => !isUnexpired(o.expiresAt, now) && isSelfOrAncestor(o.code, code));
  const expiredNote = expired.length === 0 ? "" : ` Expired, ignored: ${expired.map(describeOverride).join("; ")}.`;
  const chosen = trace.override?.chosen ?? null;
  if (chosen === null)
    return { rule: "override", outcome, detail: `No unexpired override on ${code} or its ancestors.${expiredNote}` };
  const shadowed = trace.override?.shadowed ?? [];
  const more = shadowed.length === 0 ? "" : `; it is more specific than ${shadowed.map(describeOverride).join("; ")}`;
  const detail = `${describeOverride(chosen).replace(/^o/, "O")} decides${more}.${expiredNote}`;
  return {
    rule: "override",
    outcome,
    detail,
    data: { code: chosen.code, effect: chosen.effect, expires_at: chosen.expiresAt },
  };
}

function roleStep(c: StepContext, outcome: ExplainStep["outcome"]): ExplainStep {
  const { t, user, code, now, trace } = c;
  const matches = trace.role?.matches ?? [];
  const expired = expiredAssignments(user, now).map(
    (a) => `assignment of role ${roleName(t, a.roleIdx)} expired at ${new Date(a.expiresAt ?? 0).toISOString()}`,
  );
  const notes = [...matches.filter((m) => m.failed !== undefined).map((m) => describeMatch(t, m)), ...expired];
  const tail = notes.length === 0 ? "" : ` Also: ${notes.join("; ")}.`;
  const via = trace.role?.via;
  if (via == null || via.kind !== "role") {
    return {
      rule: "role",
      outcome,
      detail: `No role of the user grants ${code} or an ancestor of it for this context.${tail}`,
    };
  }
  const through = via.through_role === undefined ? "" : ` (inherited through ${via.through_role})`;
  const ancestor = via.code === code ? "" : `, an ancestor of ${code}`;
  const holding = matches.filter((m) => m.failed === undefined).length;
  const others = holding > 1 ? ` ${holding - 1} more grant(s) also hold.` : "";
  const detail = `Role ${via.role}${through} grants ${via.code}${ancestor} (widest holding scope: ${via.scope}).${others}${tail}`;
  const { kind: _kind, ...data } = via;
  return { rule: "role", outcome, detail, data };
}

export function explainSteps(
  t: TenantData,
  user: CompiledUser,
  code: string,
  now: number,
  decision: Decision,
  trace: Trace,
): ExplainStep[] {
  const idx = t.codeIndex.get(code);
  const steps: ExplainStep[] = [];
  const info = (rule: Rule, detail: string): ExplainStep => ({ rule, outcome: "info", detail });
  if (trace.membership === "denied") {
    steps.push({
      rule: "membership",
      outcome: "denied",
      detail: "The user is not an active member of this tenant (or is disabled): everything is denied.",
    });
    for (const rule of RULES) steps.push({ rule, outcome: "skip", detail: "Not reached: the membership gate denied." });
  } else {
    steps.push({
      rule: "membership",
      outcome: "skip",
      detail:
        trace.membership === "member"
          ? "The user is an active member of the tenant."
          : "Not an active member, but a platform super-admin: the gate does not apply.",
    });
    const c: StepContext = { t, user, code, idx, now, decision, trace };
    for (const rule of RULES) steps.push(ruleStep(c, rule));
  }
  steps.push(
    info(
      "mfa",
      decision.requires_mfa
        ? "Requires MFA: guarded actions need a TOTP step-up within the last 15 minutes."
        : "Does not require MFA.",
    ),
  );
  steps.push(
    info(
      "deprecated",
      decision.deprecated
        ? `Deprecated; use ${decision.replacement ?? "(no replacement named)"} instead.`
        : "Not deprecated.",
    ),
  );
  return steps;
}

"use client";
import { ArrowRightLeft, CheckCircle2, Shield } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { ApiProblem } from "@/lib/query/api";
import type { Plan } from "@/lib/query/plans";
import { useTenantRoles } from "@/lib/query/roles";
import { useSwitchTenant, useUpdateTenant } from "@/lib/query/tenant-session";
import { type CreateTenantBody, type Tenant, type TenantCreated, useCreateTenant } from "@/lib/query/tenants";
import { FirstAdmin } from "./first-admin";
import { PlanImpact } from "./plan-impact";

/** A URL-safe slug from a name: "Wayne Enterprises" → "wayne-enterprises". */
export const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");

/** Create a tenant (then show the default roles it was given) or edit one's name, slug and plan. */
export function TenantFormDialog({
  open,
  onOpenChange,
  tenant,
  plans,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  tenant: Tenant | null;
  plans: Plan[];
}) {
  const [created, setCreated] = useState<TenantCreated | null>(null);
  const change = (o: boolean) => {
    if (!o) setCreated(null);
    onOpenChange(o);
  };
  return (
    <Dialog open={open} onOpenChange={change}>
      {open &&
        (created ? (
          <Created tenant={created} close={() => change(false)} />
        ) : (
          <FormBody
            key={tenant?.id ?? "new"}
            tenant={tenant}
            plans={plans}
            onCreated={setCreated}
            done={() => change(false)}
          />
        ))}
    </Dialog>
  );
}

function FormBody({
  tenant,
  plans,
  onCreated,
  done,
}: {
  tenant: Tenant | null;
  plans: Plan[];
  onCreated: (t: TenantCreated) => void;
  done: () => void;
}) {
  const [name, setName] = useState(tenant?.name ?? "");
  const [slug, setSlug] = useState(tenant?.slug ?? "");
  const [slugTouched, setSlugTouched] = useState(tenant !== null);
  const [planId, setPlanId] = useState(tenant?.plan_id ?? plans.find((p) => p.is_active)?.id ?? "");
  const [adminEmail, setAdminEmail] = useState("");
  const [error, setError] = useState<ApiProblem | null>(null);
  const create = useCreateTenant({
    onCreated: (t) => {
      toast.success(`Created ${t.name}`, { description: "With its default roles: Admin, Member and Viewer." });
      onCreated(t);
    },
    onError: setError,
  });
  const update = useUpdateTenant({
    onSaved: done,
    onError: (e) => {
      setError(e);
      return true;
    },
  });
  const busy = create.isPending || update.isPending;

  // A field's server error stays until that field is changed.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const touch = (...keys: string[]) => setEdited((e) => new Set([...e, ...keys]));
  const err = (k: "name" | "slug" | "plan_id" | "admin_email") =>
    edited.has(k)
      ? undefined
      : (error?.fieldError(k) ??
        (k === "slug" && error?.status === 409
          ? error.body.detail
          : k === "plan_id" && error?.body.unknown_plan_id
            ? error.body.detail
            : undefined));
  const placed = (["name", "slug", "plan_id", "admin_email"] as const).some((k) => err(k));
  const general = error && !placed ? (error.body.detail ?? error.message) : null;
  const a11y = (k: "name" | "slug" | "plan_id" | "admin_email") => ({
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": err(k) ? `tenant-${k}-error` : undefined,
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setEdited(new Set());
    const body: CreateTenantBody = { name: name.trim(), slug: slug.trim(), plan_id: planId || null };
    if (tenant) update.mutate({ id: tenant.id, body });
    else create.mutate({ ...body, ...(adminEmail.trim() ? { admin_email: adminEmail.trim() } : {}) });
  };

  return (
    <DialogContent
      title={tenant ? `Edit ${tenant.name}` : "New tenant"}
      description={
        tenant
          ? "Changing the plan re-decides every member’s access at once."
          : "It starts with the roles Admin, Member and Viewer, and optionally its first Admin."
      }
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="tenant-form" disabled={busy}>
            {busy ? "Saving…" : tenant ? "Save tenant" : "Create tenant"}
          </Button>
        </>
      }
    >
      <form id="tenant-form" noValidate onSubmit={submit} className="space-y-4">
        {general && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {general}
          </p>
        )}
        <Field id="tenant-name" label="Name" error={err("name")}>
          <Input
            id="tenant-name"
            {...a11y("name")}
            value={name}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              touch("name");
              if (!slugTouched) {
                setSlug(slugify(e.target.value));
                touch("slug");
              }
            }}
          />
        </Field>
        <Field id="tenant-slug" label="Slug" error={err("slug")} hint="Unique; lowercase letters, digits and dashes">
          <Input
            id="tenant-slug"
            {...a11y("slug")}
            value={slug}
            className="font-mono"
            spellCheck={false}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugTouched(true);
              touch("slug");
            }}
          />
        </Field>
        <Field id="tenant-plan_id" label="Plan" error={err("plan_id")} hint={planHint(plans, planId)}>
          <Select
            id="tenant-plan_id"
            {...a11y("plan_id")}
            value={planId}
            onChange={(e) => {
              setPlanId(e.target.value);
              touch("plan_id");
            }}
          >
            <option value="">No plan</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.is_active ? "" : " (inactive)"}
              </option>
            ))}
          </Select>
        </Field>
        {!tenant && (
          <Field
            id="tenant-admin_email"
            label="First admin’s email (optional)"
            error={err("admin_email")}
            hint="An existing account becomes its Admin at once; anyone else gets an invitation link, shown once."
          >
            <Input
              id="tenant-admin_email"
              type="email"
              {...a11y("admin_email")}
              value={adminEmail}
              placeholder="name@company.com"
              onChange={(e) => {
                setAdminEmail(e.target.value);
                touch("admin_email");
              }}
            />
          </Field>
        )}
        {tenant && <PlanImpact tenantId={tenant.id} planId={planId} changed={planId !== (tenant.plan_id ?? "")} />}
      </form>
    </DialogContent>
  );
}

/** Under the plan select: what the chosen plan does. */
function planHint(plans: Plan[], planId: string): string {
  const plan = plans.find((p) => p.id === planId);
  if (!plan) return "No plan: nothing is plan-gated, every menu item is available.";
  const n = plan.menu_items.length;
  return `${plan.description ? `${plan.description}. ` : ""}Includes ${n} menu item${n === 1 ? "" : "s"}; permissions under the others are denied.`;
}

/** After creation: the roles the new tenant was given, read from it (X-Tenant-Id), and a way in. */
function Created({ tenant, close }: { tenant: TenantCreated; close: () => void }) {
  const roles = useTenantRoles(tenant.id);
  const switchInto = useSwitchTenant();
  return (
    <DialogContent
      title={`${tenant.name} is ready`}
      description={
        <>
          Slug <code className="font-mono">{tenant.slug}</code> · {tenant.plan ? tenant.plan.name : "no plan"}
        </>
      }
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Done
          </Button>
          <Button onClick={() => switchInto.mutate(tenant)} disabled={switchInto.isPending}>
            <ArrowRightLeft className="size-4" aria-hidden />
            Switch into {tenant.name}
          </Button>
        </>
      }
    >
      {tenant.admin && <FirstAdmin admin={tenant.admin} />}
      <div className="flex items-start gap-3">
        <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900">Default roles created</p>
          {roles.isPending ? (
            <div className="mt-2 space-y-2">
              <Skeleton className="h-9 w-full" />
              <Skeleton className="h-9 w-full" />
              <Skeleton className="h-9 w-full" />
            </div>
          ) : roles.isError ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              Could not read its roles: {roles.error.message}
            </p>
          ) : (
            <ul
              aria-label={`Roles of ${tenant.name}`}
              className="mt-2 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200"
            >
              {roles.data.data.map((r) => (
                <li key={r.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                  <Shield className="size-4 text-slate-400" aria-hidden />
                  <span className="font-medium text-slate-900">{r.name}</span>
                  <span className="min-w-0 flex-1 truncate text-xs text-slate-500">{r.description}</span>
                  {r.is_system && <Badge tone="slate">System</Badge>}
                  {r.is_default && <Badge tone="brand">Default</Badge>}
                  <span className="text-xs tabular-nums text-slate-500">{r.permission_count} perms</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-slate-500">
            Switch into it to add members and shape its roles, or{" "}
            <Link href="/admin/plans" className="font-medium text-brand-700 hover:underline">
              review its plan’s features
            </Link>
            .
          </p>
        </div>
      </div>
    </DialogContent>
  );
}

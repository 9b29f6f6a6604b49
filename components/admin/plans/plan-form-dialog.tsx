"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Label, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import type { ApiProblem } from "@/lib/query/api";
import { type Plan, type PlanBody, useSavePlan } from "@/lib/query/plans";

interface FormState {
  code: string;
  name: string;
  description: string;
  price_monthly: string;
  price_yearly: string;
  is_active: boolean;
  sort_order: string;
}

const fields: (keyof FormState)[] = [
  "code",
  "name",
  "description",
  "price_monthly",
  "price_yearly",
  "is_active",
  "sort_order",
];

/** Create a plan, or edit one (its code too: it stays unique). Features are set in the matrix. */
export function PlanFormDialog({
  open,
  onOpenChange,
  plan,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  plan: Plan | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && <Body key={plan?.id ?? "new"} plan={plan} done={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function Body({ plan, done }: { plan: Plan | null; done: () => void }) {
  const [form, setForm] = useState<FormState>(() => ({
    code: plan?.code ?? "",
    name: plan?.name ?? "",
    description: plan?.description ?? "",
    price_monthly: String(plan?.price_monthly ?? 0),
    price_yearly: String(plan?.price_yearly ?? 0),
    is_active: plan?.is_active ?? true,
    sort_order: String(plan?.sort_order ?? 0),
  }));
  const [error, setError] = useState<ApiProblem | null>(null);
  // A field's server error stays until that field is changed.
  const [edited, setEdited] = useState<Set<keyof FormState>>(new Set());
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setEdited((e) => new Set(e).add(k));
  };
  const toBody = (f: FormState): PlanBody => ({
    code: f.code.trim(),
    name: f.name.trim(),
    description: f.description.trim() || null,
    price_monthly: Number(f.price_monthly),
    price_yearly: Number(f.price_yearly),
    is_active: f.is_active,
    sort_order: Number(f.sort_order),
  });
  const save = useSavePlan({
    success: (p) => (plan ? `Saved ${p.name}` : `Created ${p.name}: include its features in the matrix below`),
    onSuccess: done,
    onError: (e) => {
      setError(e);
      return true;
    },
  });
  const err = (k: keyof FormState) =>
    edited.has(k)
      ? undefined
      : (error?.fieldError(k) ?? (k === "code" && error?.status === 409 ? error.body.detail : undefined));
  const placed = fields.some((k) => err(k));
  const general = error && !placed ? (error.body.detail ?? error.message) : null;
  const a11y = (k: keyof FormState) => ({
    id: `plan-${k}`,
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": err(k) ? `plan-${k}-error` : undefined,
  });

  return (
    <DialogContent
      title={plan ? `Edit ${plan.name}` : "New plan"}
      description={
        plan
          ? "Code, name and status are part of every tenant’s plan decisions: changing them takes effect at once."
          : "A new plan includes no menu item until you tick them in the matrix."
      }
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="plan-form" disabled={save.isPending}>
            {save.isPending ? "Saving…" : plan ? "Save plan" : "Create plan"}
          </Button>
        </>
      }
    >
      <form
        id="plan-form"
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setEdited(new Set());
          save.mutate({ id: plan?.id ?? null, body: toBody(form) });
        }}
      >
        {general && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {general}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="plan-name" label="Name" error={err("name")}>
            <Input {...a11y("name")} value={form.name} onChange={(e) => set("name", e.target.value)} autoFocus />
          </Field>
          <Field id="plan-code" label="Code" error={err("code")} hint="lowercase, e.g. team or pro-2025">
            <Input
              {...a11y("code")}
              value={form.code}
              onChange={(e) => set("code", e.target.value)}
              className="font-mono"
              spellCheck={false}
            />
          </Field>
        </div>
        <Field id="plan-description" label="Description" error={err("description")}>
          <Textarea
            {...a11y("description")}
            value={form.description}
            onChange={(e) => set("description", e.target.value)}
            rows={2}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="plan-price_monthly" label="Monthly price (USD)" error={err("price_monthly")}>
            <Input
              {...a11y("price_monthly")}
              type="number"
              min={0}
              step="0.01"
              value={form.price_monthly}
              onChange={(e) => set("price_monthly", e.target.value)}
            />
          </Field>
          <Field id="plan-price_yearly" label="Yearly price (USD)" error={err("price_yearly")}>
            <Input
              {...a11y("price_yearly")}
              type="number"
              min={0}
              step="0.01"
              value={form.price_yearly}
              onChange={(e) => set("price_yearly", e.target.value)}
            />
          </Field>
          <Field id="plan-sort_order" label="Sort order" error={err("sort_order")}>
            <Input
              {...a11y("sort_order")}
              type="number"
              min={0}
              value={form.sort_order}
              onChange={(e) => set("sort_order", e.target.value)}
            />
          </Field>
        </div>
        <div className="flex items-start gap-2.5">
          <Checkbox
            id="plan-is_active"
            checked={form.is_active}
            onCheckedChange={(v) => set("is_active", v === true)}
            className="mt-0.5"
          />
          <div>
            <Label htmlFor="plan-is_active" className="mb-0">
              Active
            </Label>
            <p className="text-xs text-slate-500">Inactive plans are hidden from the price list members see.</p>
          </div>
        </div>
      </form>
    </DialogContent>
  );
}

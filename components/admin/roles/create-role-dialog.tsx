"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import { type RoleFill, type RoleListItem, useCreateRole } from "@/lib/query/roles";
import { useTemplates } from "@/lib/query/templates";
import { cn } from "@/lib/utils";
import { RoleMultiSelect } from "./role-multi-select";

type Start = "empty" | "template" | "clone";

/**
 * Creates a role, then (optionally) fills it from a template (the template apply route) or from
 * another role (the copy route) — each the audited operation the API offers for it. If that second
 * step is refused the role still exists, and the toast says what was not copied.
 */
export function CreateRoleDialog({
  open,
  onOpenChange,
  roles,
  canUseTemplates,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  roles: RoleListItem[];
  canUseTemplates: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const defaultId = useId();
  const [description, setDescription] = useState("");
  const [parents, setParents] = useState<string[]>([]);
  const [isDefault, setIsDefault] = useState(false);
  const [start, setStart] = useState<Start>("empty");
  const [templateId, setTemplateId] = useState("");
  const [sourceId, setSourceId] = useState("");
  const templates = useTemplates({ enabled: open && canUseTemplates });

  const reset = () => {
    setName("");
    setDescription("");
    setParents([]);
    setIsDefault(false);
    setStart("empty");
    setTemplateId("");
    setSourceId("");
    create.reset();
  };

  const create = useCreateRole({
    success: (c) =>
      c.followUpError
        ? null
        : `Created ${c.name}${c.approvals ? ` — ${c.approvals} grant${c.approvals === 1 ? " awaits" : "s await"} approval` : ""}`,
    onSuccess: (c) => {
      if (c.followUpError)
        toast.warning(`Created ${c.name}, but its permissions were not set`, {
          description: problemDetail(c.followUpError),
        });
      onOpenChange(false);
      reset();
      router.push(`/admin/roles/${c.id}`);
    },
    onError: (error) => error.status === 400 || error.status === 409,
  });

  const err = create.error;
  const nameError = err?.fieldError("name") ?? (err?.status === 409 ? err.body.detail : undefined);
  const missingSource = (start === "template" && !templateId) || (start === "clone" && !sourceId);
  const options: { value: Start; label: string; hint: string; disabled?: boolean }[] = [
    { value: "empty", label: "Empty", hint: "Grant permissions later" },
    {
      value: "template",
      label: "From a template",
      hint: canUseTemplates ? "Apply a saved set" : "Needs Manage templates",
      disabled: !canUseTemplates,
    },
    { value: "clone", label: "Copy a role", hint: "Same grants as another role" },
  ];

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) reset();
      }}
    >
      <DialogContent
        wide
        title="Create role"
        description="Name the job it describes. You can grant permissions now from a template or another role, or later."
        footer={
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="create-role" disabled={create.isPending || !name.trim() || missingSource}>
              {create.isPending ? "Creating…" : "Create role"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="create-role"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const fill: RoleFill =
              start === "template" && templateId
                ? { templateId }
                : start === "clone" && sourceId
                  ? { fromRoleId: sourceId }
                  : null;
            create.mutate({
              body: {
                name,
                description: description.trim() || null,
                parent_ids: parents,
                is_default: isDefault,
              },
              fill,
            });
          }}
        >
          {err && err.status === 400 && !nameError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {problemDetail(err)}
            </p>
          )}
          {/* Two columns: what the role is (left), where its permissions come from (right). */}
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-4">
              <Field id="role-name" label="Name" error={nameError}>
                <Input
                  id="role-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={100}
                  autoFocus
                  required
                  aria-invalid={!!nameError}
                  aria-describedby={nameError ? "role-name-error" : undefined}
                  placeholder="e.g. Field Supervisor"
                />
              </Field>
              <Field id="role-description" label="Description" error={err?.fieldError("description")}>
                <Textarea
                  id="role-description"
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                  maxLength={500}
                  rows={3}
                  placeholder="What people with this role do"
                />
              </Field>
              <label className="flex items-start gap-2.5 text-sm" htmlFor={defaultId}>
                <Checkbox
                  id={defaultId}
                  className="mt-0.5"
                  checked={isDefault}
                  onCheckedChange={(c) => setIsDefault(c === true)}
                  aria-label="Default role for new members"
                />
                <span>
                  <span className="font-medium text-slate-800">Default role</span>
                  <span className="block text-xs text-slate-500">Given to every new member of this tenant.</span>
                </span>
              </label>
            </div>
            <div>
              <p className="mb-1.5 text-sm font-medium text-slate-700">Inherits from</p>
              <RoleMultiSelect
                label="Inherits from"
                options={roles}
                value={parents}
                onChange={setParents}
                listClassName="max-h-36"
              />
              <p className="mt-1 text-xs text-slate-500">It receives every permission of the roles it inherits from.</p>
            </div>
          </div>
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-slate-700">Start with</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {options.map((o) => (
                <label
                  key={o.value}
                  className={cn(
                    "flex min-w-0 cursor-pointer flex-col rounded-lg border px-3 py-2.5 text-sm",
                    start === o.value
                      ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500"
                      : "border-slate-200 hover:border-slate-300",
                    o.disabled && "cursor-not-allowed opacity-60",
                  )}
                >
                  <span className="flex items-center gap-2 font-medium text-slate-800">
                    <input
                      type="radio"
                      name="start"
                      value={o.value}
                      checked={start === o.value}
                      disabled={o.disabled}
                      onChange={() => setStart(o.value)}
                      className="accent-brand-600"
                    />
                    {o.label}
                  </span>
                  <span className="mt-0.5 pl-5 text-xs text-slate-500">{o.hint}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {start === "template" && (
            <Field
              id="role-template"
              label="Template"
              hint="Its allowed codes are granted; its denied codes are left out."
            >
              <Select id="role-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} required>
                <option value="">{templates.isLoading ? "Loading templates…" : "Choose a template"}</option>
                {templates.data?.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.permission_count} codes{t.is_global ? ", global" : ""})
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {start === "clone" && (
            <Field
              id="role-source"
              label="Copy grants from"
              hint="Scopes and conditions are copied too. Roles that hold everything by rule cannot be copied."
            >
              <Select id="role-source" value={sourceId} onChange={(e) => setSourceId(e.target.value)} required>
                <option value="">Choose a role</option>
                {roles.map((r) => (
                  <option key={r.id} value={r.id} disabled={r.grants_all}>
                    {r.name} ({r.grants_all ? "holds everything" : `${r.permission_count} permissions`})
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </form>
      </DialogContent>
    </Dialog>
  );
}

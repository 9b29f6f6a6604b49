"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import type { RoleDetail } from "@/lib/query/roles";
import { useSaveTemplate } from "@/lib/query/templates";

/** Saves a role's current grants as a new template of this tenant (every granted code allowed). */
export function SaveAsTemplateDialog({
  role,
  open,
  onOpenChange,
}: {
  role: RoleDetail;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const router = useRouter();
  const [name, setName] = useState(`${role.name} template`);
  const [description, setDescription] = useState(role.description ?? "");
  const codes = role.permissions.map((p) => p.code);
  const body = {
    name: name.trim(),
    description: description.trim() || null,
    permissions: Object.fromEntries(codes.map((c) => [c, "allow" as const])),
  };
  const save = useSaveTemplate({
    onSuccess: (t) => {
      toast.success(`Saved template ${t.name}`, {
        description: `${t.permission_count} permissions`,
        action: { label: "Open templates", onClick: () => router.push("/admin/templates") },
      });
      onOpenChange(false);
    },
    onError: (e) => e.status === 400 || e.status === 409,
  });
  const err = save.error;
  const nameError = err?.fieldError("name") ?? (err?.status === 409 ? err.body.detail : undefined);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) save.reset();
      }}
    >
      <DialogContent
        title={`Save ${role.name} as a template`}
        description={
          <>
            The template allows the role&apos;s {codes.length} current permission{codes.length === 1 ? "" : "s"} (scopes
            and conditions are not part of templates). Manage it in{" "}
            <Link className="text-brand-700 underline" href="/admin/templates">
              Templates
            </Link>
            .
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={save.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              form="save-as-template"
              disabled={!name.trim() || codes.length === 0 || save.isPending}
            >
              {save.isPending ? "Saving…" : "Save template"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="save-as-template"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ id: null, body });
          }}
        >
          {codes.length === 0 && (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              This role has no permissions to save yet.
            </p>
          )}
          {err && err.status === 400 && !nameError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {problemDetail(err)}
            </p>
          )}
          <Field id="tpl-from-role-name" label="Template name" error={nameError}>
            <Input
              id="tpl-from-role-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              aria-invalid={!!nameError}
            />
          </Field>
          <Field id="tpl-from-role-description" label="Description">
            <Textarea
              id="tpl-from-role-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={500}
              rows={2}
            />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

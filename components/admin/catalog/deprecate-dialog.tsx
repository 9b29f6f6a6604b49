"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import type { ApiProblem } from "@/lib/query/api";
import { type CatalogPermission, useSavePermission } from "@/lib/query/catalog";
import { CodePicker } from "./code-picker";

/**
 * Deprecating keeps the permission deciding (grants still count) while every check names its
 * replacement, so apps can move over before it is deleted.
 */
export function DeprecateDialog({
  permission,
  open,
  onOpenChange,
  candidates,
}: {
  permission: CatalogPermission;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  candidates: { code: string; name: string }[];
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <Body key={permission.id} permission={permission} candidates={candidates} done={() => onOpenChange(false)} />
      )}
    </Dialog>
  );
}

function Body({
  permission,
  candidates,
  done,
}: {
  permission: CatalogPermission;
  candidates: { code: string; name: string }[];
  done: () => void;
}) {
  const [replacement, setReplacement] = useState(permission.replacement ?? "");
  const [message, setMessage] = useState(permission.deprecated_message ?? "");
  const [error, setError] = useState<ApiProblem | null>(null);
  const save = useSavePermission({ onSaved: done, onError: setError });
  const replacementError =
    error?.fieldError("replacement") ??
    (error && !error.fieldError("deprecated_message") ? (error.body.detail ?? error.message) : undefined);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    save.mutate({
      id: permission.id,
      body: { deprecated: true, replacement: replacement || null, deprecated_message: message.trim() || null },
    });
  };
  return (
    <DialogContent
      title={`Deprecate ${permission.code}`}
      description="It keeps working, but every check of it reports that it is deprecated and names the replacement."
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="deprecate-form" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Deprecate"}
          </Button>
        </>
      }
    >
      <form id="deprecate-form" onSubmit={submit} className="space-y-4" noValidate>
        <Field
          id="deprecate-replacement"
          label="Replacement"
          hint="The permission apps should check instead (optional)"
          error={replacementError}
        >
          <CodePicker
            id="deprecate-replacement"
            value={replacement}
            onChange={setReplacement}
            options={candidates.filter((c) => c.code !== permission.code)}
            invalid={!!replacementError}
            describedBy={replacementError ? "deprecate-replacement-error" : undefined}
          />
        </Field>
        <Field
          id="deprecate-message"
          label="Message"
          error={error?.fieldError("deprecated_message")}
          hint="Shown to admins and returned by checks"
        >
          <Input
            id="deprecate-message"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder={replacement ? `Use ${replacement} instead` : "Why it is going away"}
          />
        </Field>
      </form>
    </DialogContent>
  );
}

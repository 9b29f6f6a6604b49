"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { approvalsNote, type RoleDetail, type RoleListItem, useCopyGrants } from "@/lib/query/roles";
import { WriteProblem } from "./stale-notice";

/** Replaces this role's grants with another role's (POST /roles/{id}/copy), at the version shown. */
export function CopyGrantsDialog({
  role,
  roles,
  open,
  onOpenChange,
  onReload,
}: {
  role: RoleDetail;
  roles: RoleListItem[];
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onReload: () => void;
}) {
  const [sourceId, setSourceId] = useState("");
  const source = roles.find((r) => r.id === sourceId);
  const copy = useCopyGrants(role, {
    success: (r) => {
      const parts = [`+${r.added.length} added`, `−${r.removed.length} removed`, approvalsNote(r)].filter(Boolean);
      return `Copied ${source?.name ?? "the role"}'s grants: ${parts.join(", ")}`;
    },
    onSuccess: () => {
      onOpenChange(false);
      setSourceId("");
    },
    onError: (e) => [403, 409, 422].includes(e.status),
  });
  const close = (o: boolean) => {
    onOpenChange(o);
    if (!o) {
      setSourceId("");
      copy.reset();
    }
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        title={`Copy grants into ${role.name}`}
        description="The other role's grants — with their scopes and conditions — replace this role's. Parents are not copied."
        footer={
          <>
            <Button variant="secondary" onClick={() => close(false)} disabled={copy.isPending}>
              Cancel
            </Button>
            <Button onClick={() => copy.mutate(sourceId)} disabled={!sourceId || copy.isPending}>
              {copy.isPending ? "Copying…" : "Replace grants"}
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          <WriteProblem
            error={copy.error}
            onReload={() => {
              copy.reset();
              onReload();
            }}
          />
          <Field id="copy-source" label="Copy from">
            <Select id="copy-source" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              <option value="">Choose a role</option>
              {roles
                .filter((r) => r.id !== role.id)
                .map((r) => (
                  <option key={r.id} value={r.id} disabled={r.grants_all}>
                    {r.name} (
                    {r.grants_all ? "holds everything by rule — cannot be copied" : `${r.permission_count} permissions`}
                    )
                  </option>
                ))}
            </Select>
          </Field>
          {source && (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {role.name}&apos;s {role.permissions.length} grant{role.permissions.length === 1 ? "" : "s"} will be
              replaced by {source.name}&apos;s {source.permission_count}. Grants that need approval become approval
              requests.
            </p>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}

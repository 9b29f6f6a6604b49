"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { type RoleDetail, type RoleListItem, useUpdateRole } from "@/lib/query/roles";
import { RoleMultiSelect } from "./role-multi-select";
import { WriteProblem } from "./stale-notice";

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Name, description, parents and default flag, saved with the `version` the form was opened at.
 * Mount it with `key={role.version}` so a reload (or a save) starts it from the current role.
 */
export function RoleSettingsForm({
  role,
  roles,
  readOnly,
  onReload,
}: {
  role: RoleDetail;
  roles: RoleListItem[];
  readOnly: boolean;
  onReload: () => void;
}) {
  const [name, setName] = useState(role.name);
  const defaultId = useId();
  const [description, setDescription] = useState(role.description ?? "");
  const [parents, setParents] = useState<string[]>(role.parent_ids);
  const [isDefault, setIsDefault] = useState(role.is_default);
  const dirty =
    name !== role.name ||
    description !== (role.description ?? "") ||
    !sameSet(parents, role.parent_ids) ||
    isDefault !== role.is_default;

  const save = useUpdateRole(role.id, {
    success: `Saved ${name.trim()}`,
    // Shown in the form, next to what they are about, rather than as a toast.
    onError: (e) => [400, 403, 409, 422].includes(e.status),
  });
  const err = save.error;
  const cycle =
    err?.status === 422 &&
    (err.body.cycle_with !== undefined ||
      err.body.unknown_role_ids !== undefined ||
      /inherit/i.test(err.body.detail ?? ""));
  const nameError = err?.fieldError("name") ?? (err?.status === 409 && err.body.role_id ? err.body.detail : undefined);
  const options = roles.filter((r) => r.id !== role.id);
  const discard = () => {
    setName(role.name);
    setDescription(role.description ?? "");
    setParents(role.parent_ids);
    setIsDefault(role.is_default);
    save.reset();
  };

  return (
    <Card>
      <CardHeader
        title="Settings"
        description={readOnly ? "Read-only" : "Changes apply to everyone holding this role once saved."}
      />
      <form
        noValidate
        className="space-y-5 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            version: role.version,
            name: name.trim(),
            description: description.trim() || null,
            parent_ids: parents,
            is_default: isDefault,
          });
        }}
      >
        {err && !cycle && !nameError && (
          <WriteProblem
            error={err}
            onReload={() => {
              save.reset();
              onReload();
            }}
          />
        )}
        <div className="grid gap-5 md:grid-cols-2">
          <Field id="edit-role-name" label="Name" error={nameError}>
            <Input
              id="edit-role-name"
              className="disabled:bg-slate-50 disabled:text-slate-500"
              value={name}
              onChange={(e) => setName(e.target.value)}
              disabled={readOnly}
              maxLength={100}
              required
              aria-invalid={!!nameError}
              aria-describedby={nameError ? "edit-role-name-error" : undefined}
            />
          </Field>
          <div className="md:pt-7">
            <label className="flex items-start gap-2.5 text-sm" htmlFor={defaultId}>
              <Checkbox
                id={defaultId}
                className="mt-0.5"
                checked={isDefault}
                onCheckedChange={(c) => setIsDefault(c === true)}
                disabled={readOnly}
                aria-label="Default role for new members"
              />
              <span>
                <span className="font-medium text-slate-800">Default role</span>
                <span className="block text-xs text-slate-500">Given to every new member of this tenant.</span>
              </span>
            </label>
          </div>
        </div>
        <Field id="edit-role-description" label="Description" error={err?.fieldError("description")}>
          <Textarea
            id="edit-role-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            disabled={readOnly}
            maxLength={500}
            rows={2}
          />
        </Field>
        <div>
          <p className="mb-1.5 text-sm font-medium text-slate-700">Inherits from</p>
          <RoleMultiSelect
            label="Inherits from"
            options={options}
            value={parents}
            onChange={setParents}
            disabled={readOnly}
            invalid={cycle}
            describedBy={cycle ? "parents-error" : undefined}
          />
          {cycle ? (
            <p id="parents-error" role="alert" className="mt-1.5 text-sm text-red-600">
              {err?.body.detail}
            </p>
          ) : (
            <p className="mt-1 text-xs text-slate-500">
              This role receives every permission of the roles it inherits from, and of theirs. A role cannot inherit
              from one of its own descendants.
            </p>
          )}
        </div>
        {!readOnly && (
          <div className="flex items-center justify-end gap-2 border-t border-slate-100 pt-4">
            <span className="mr-auto text-xs text-slate-500">Version {role.version}</span>
            <Button type="button" variant="secondary" onClick={discard} disabled={!dirty || save.isPending}>
              Discard
            </Button>
            <Button type="submit" disabled={!dirty || !name.trim() || save.isPending}>
              {save.isPending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

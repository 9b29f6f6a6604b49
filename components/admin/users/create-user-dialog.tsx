"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import type { RoleListItem as RoleOption } from "@/lib/query/roles";
import { useCreateUser } from "@/lib/query/users";

/**
 * Adds a member: a new account, or an existing one (same email) joining this tenant. Without
 * roles chosen the server gives the tenant's default roles, as for every new member.
 */
export function CreateUserDialog({
  open,
  onOpenChange,
  roles,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  roles: RoleOption[];
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const roleIdBase = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const reset = () => {
    setName("");
    setEmail("");
    setPassword("");
    setRoleIds([]);
    create.reset();
  };
  // A refused attempt's errors describe what was sent: editing a field clears them.
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    if (create.isError) create.reset();
  };
  const defaults = roles.filter((r) => r.is_default).map((r) => r.name);

  const create = useCreateUser({
    success: (c) =>
      // The same words whether or not the email had an account elsewhere (then it is invited instead).
      `Added ${c.email}`,
    onSuccess: (c) => {
      onOpenChange(false);
      reset();
      router.push(`/admin/users/${c.id}`);
    },
    onError: (error) => error.status === 400 || error.status === 409,
  });

  const err = create.error;
  const existingId = err?.status === 409 ? (err.body.user_id as string | undefined) : undefined;
  const emailError = err?.fieldError("email") ?? (err?.status === 409 ? err.body.detail : undefined);
  const fieldPaths = ["email", "name", "password"];
  const otherError =
    err && err.status === 400 && !err.fieldErrors.some((f) => fieldPaths.some((p) => f.path.endsWith(p)))
      ? problemDetail(err)
      : undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) reset();
      }}
    >
      <DialogContent
        title="Add user"
        description="Creates the account, or adds an existing account with this email to the tenant."
        footer={
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="create-user" disabled={create.isPending || !name.trim() || !email.trim()}>
              {create.isPending ? "Adding…" : "Add user"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="create-user"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, email, password: password || undefined, role_ids: roleIds });
          }}
        >
          {otherError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {otherError}
            </p>
          )}
          <Field id="user-name" label="Name" error={err?.fieldError("name")}>
            <Input
              id="user-name"
              value={name}
              onChange={edit(setName)}
              maxLength={200}
              required
              autoFocus
              aria-invalid={!!err?.fieldError("name")}
              placeholder="e.g. Nina Novak"
            />
          </Field>
          <Field id="user-email" label="Email" error={emailError}>
            <Input
              id="user-email"
              type="email"
              value={email}
              onChange={edit(setEmail)}
              maxLength={254}
              required
              aria-invalid={!!emailError}
              aria-describedby={emailError ? "user-email-error" : undefined}
              placeholder="name@company.com"
            />
          </Field>
          {existingId && (
            <p className="-mt-2 text-sm">
              <Link
                className="font-medium text-brand-700 underline"
                href={`/admin/users/${existingId}`}
                onClick={() => onOpenChange(false)}
              >
                Open their page
              </Link>
            </p>
          )}
          <Field
            id="user-password"
            label="Password (optional)"
            hint="At least 12 characters. Leave empty for an account that cannot sign in with a password yet."
            error={err?.fieldError("password")}
          >
            <Input
              id="user-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={edit(setPassword)}
              maxLength={200}
              aria-invalid={!!err?.fieldError("password")}
            />
          </Field>
          {roles.length > 0 && (
            <fieldset>
              <legend className="mb-1.5 text-sm font-medium text-slate-700">Roles</legend>
              <ul className="max-h-48 overflow-y-auto rounded-lg border border-slate-200 py-1">
                {roles.map((r) => (
                  <li key={r.id}>
                    <label
                      className="flex cursor-pointer items-center gap-2.5 px-3 py-1.5 text-sm hover:bg-slate-50"
                      htmlFor={`${roleIdBase}-${r.id}`}
                    >
                      <Checkbox
                        id={`${roleIdBase}-${r.id}`}
                        checked={roleIds.includes(r.id)}
                        onCheckedChange={(c) =>
                          setRoleIds((ids) => (c === true ? [...ids, r.id] : ids.filter((i) => i !== r.id)))
                        }
                        aria-label={`Give role ${r.name}`}
                      />
                      <span className="font-medium text-slate-800">{r.name}</span>
                      {r.description && <span className="truncate text-xs text-slate-500">{r.description}</span>}
                    </label>
                  </li>
                ))}
              </ul>
              <p className="mt-1 text-xs text-slate-500">
                {roleIds.length
                  ? `${roleIds.length} role${roleIds.length === 1 ? "" : "s"} chosen.`
                  : defaults.length
                    ? `None chosen: they get the default role${defaults.length === 1 ? "" : "s"} (${defaults.join(", ")}).`
                    : "None chosen: no roles."}{" "}
                You can only give roles whose permissions you hold yourself.
              </p>
            </fieldset>
          )}
        </form>
      </DialogContent>
    </Dialog>
  );
}

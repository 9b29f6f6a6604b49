"use client";
import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import { type InvitationCreatedResult, useCreateInvitation } from "@/lib/query/invitations";
import type { RoleListItem as RoleOption } from "@/lib/query/roles";

const EXPIRY_DAYS = [1, 3, 7, 14, 30] as const;

/**
 * Invites someone by email: they choose their own name and password from a one-time link, shown
 * here once with a copy button (the server keeps only its hash). The roles offered are the ones
 * the admin may give (they hold all each confers); the server checks again.
 */
export function InviteDialog({
  open,
  onOpenChange,
  roles,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  /** The roles the admin may give. */
  roles: RoleOption[];
}) {
  const roleIdBase = useId();
  const [email, setEmail] = useState("");
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [days, setDays] = useState(7);
  const [made, setMade] = useState<InvitationCreatedResult | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useCreateInvitation({
    onSuccess: (invitation) => setMade(invitation),
    onError: (error) => error.status === 400 || error.status === 409 || error.status === 403,
  });
  const reset = () => {
    setEmail("");
    setRoleIds([]);
    setDays(7);
    setMade(null);
    setCopied(false);
    create.reset();
  };
  const close = (o: boolean) => {
    onOpenChange(o);
    // The link is gone when the dialog closes: it cannot be shown again.
    if (!o) reset();
  };
  const err = create.error;
  const emailError = err?.fieldError("email") ?? (err?.status === 409 ? err.body.detail : undefined);
  const otherError = err && !emailError ? problemDetail(err) : undefined;
  const defaults = roles.filter((r) => r.is_default).map((r) => r.name);

  const copy = async () => {
    if (!made) return;
    await navigator.clipboard.writeText(made.invite_url);
    setCopied(true);
  };

  if (made)
    return (
      <Dialog open={open} onOpenChange={close}>
        <DialogContent
          title="Invitation link"
          description={`Send this link to ${made.email}. It is shown only now: copy it before you close this window.`}
          footer={<Button onClick={() => close(false)}>Done</Button>}
        >
          <div className="space-y-3">
            <div className="flex gap-2">
              <Input
                readOnly
                value={made.invite_url}
                aria-label="Invitation link"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <Button variant="secondary" onClick={copy} aria-label="Copy link">
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p className="text-sm text-slate-600">
              {made.roles.length
                ? `They join with ${made.roles.map((r) => r.name).join(", ")}. `
                : "They join with no role. "}
              The link works once and expires{" "}
              {new Date(made.expires_at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}.
            </p>
          </div>
        </DialogContent>
      </Dialog>
    );

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        title="Invite someone"
        description="They get a link to set their own name and password, and join with the roles you choose."
        footer={
          <>
            <Button variant="secondary" onClick={() => close(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="invite-user" disabled={create.isPending || !email.trim()}>
              {create.isPending ? "Creating link…" : "Create invitation link"}
            </Button>
          </>
        }
      >
        <form
          id="invite-user"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ email, role_ids: roleIds, expires_in_days: days });
          }}
        >
          {otherError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {otherError}
            </p>
          )}
          <Field id="invite-email" label="Email" error={emailError}>
            <Input
              id="invite-email"
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                if (create.isError) create.reset();
              }}
              maxLength={254}
              required
              autoFocus
              aria-invalid={!!emailError}
              placeholder="name@company.com"
            />
          </Field>
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-slate-700">Roles</legend>
            {roles.length ? (
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
            ) : (
              <p className="text-sm text-slate-500">There is no role you may give.</p>
            )}
            <p className="mt-1 text-xs text-slate-500">
              {roleIds.length
                ? `${roleIds.length} role${roleIds.length === 1 ? "" : "s"} chosen.`
                : defaults.length
                  ? `None chosen: they get the default role${defaults.length === 1 ? "" : "s"} (${defaults.join(", ")}).`
                  : "None chosen: no roles."}{" "}
              Only the roles whose permissions you hold yourself are listed.
            </p>
          </fieldset>
          <Field id="invite-expiry" label="The link expires after">
            <Select id="invite-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d} day{d === 1 ? "" : "s"}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

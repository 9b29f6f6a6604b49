"use client";

import { LoaderCircle } from "lucide-react";
import { useActionState } from "react";
import { type AcceptState, createAccountAction, joinAction } from "@/app/(auth)/invite/[token]/actions";
import { Button } from "@/components/ui/button";
import { FieldError, Input } from "@/components/ui/input";

function Problem({ state }: { state: AcceptState }) {
  if (!state.error) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-700">
      {state.error}
    </div>
  );
}

/** A new person's account from an invitation link: their name and password; then they are signed in. */
export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(createAccountAction, {});
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <Problem state={state} />
      <div>
        <label htmlFor="invite-email" className="mb-1.5 block text-sm font-medium text-slate-700">
          Email
        </label>
        <Input id="invite-email" value={email} readOnly autoComplete="username" className="bg-slate-50" />
      </div>
      <div>
        <label htmlFor="name" className="mb-1.5 block text-sm font-medium text-slate-700">
          Your name
        </label>
        <Input
          id="name"
          name="name"
          autoComplete="name"
          defaultValue={state.name}
          required
          maxLength={200}
          aria-invalid={!!state.fieldErrors?.name}
          aria-describedby="name-error"
        />
        <FieldError id="name-error">{state.fieldErrors?.name}</FieldError>
      </div>
      <div>
        <label htmlFor="password" className="mb-1.5 block text-sm font-medium text-slate-700">
          Choose a password
        </label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={200}
          aria-invalid={!!state.fieldErrors?.password}
          aria-describedby="password-error password-hint"
        />
        <FieldError id="password-error">{state.fieldErrors?.password}</FieldError>
        {!state.fieldErrors?.password && (
          <p id="password-hint" className="mt-1 text-xs text-slate-500">
            At least 12 characters.
          </p>
        )}
      </div>
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden />}
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}

/** An existing account, signed in as itself: one click joins the tenant. */
export function JoinTenantForm({ token, tenant }: { token: string; tenant: string }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(joinAction, {});
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <Problem state={state} />
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden />}
        {pending ? "Joining…" : `Join ${tenant}`}
      </Button>
    </form>
  );
}

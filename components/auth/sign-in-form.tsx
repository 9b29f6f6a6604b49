"use client";

import { LoaderCircle } from "lucide-react";
import { useActionState } from "react";
import { type SignInState, signInAction } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";
import { FieldError, Input } from "@/components/ui/input";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="next" value={next} />
      {state.error && (
        <div
          role="alert"
          data-testid="sign-in-error"
          className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-700"
        >
          {state.error}
        </div>
      )}
      <div>
        <label htmlFor="email" className="mb-1.5 block text-sm font-medium text-slate-700">
          Email
        </label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          required
          aria-invalid={!!state.fieldErrors?.email}
          aria-describedby="email-error"
        />
        <FieldError id="email-error">{state.fieldErrors?.email}</FieldError>
      </div>
      <div>
        <label htmlFor="password" className="mb-1.5 block text-sm font-medium text-slate-700">
          Password
        </label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!state.fieldErrors?.password}
          aria-describedby="password-error"
        />
        <FieldError id="password-error">{state.fieldErrors?.password}</FieldError>
      </div>
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden />}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

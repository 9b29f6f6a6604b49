"use server";

import { AuthError } from "next-auth";
import { SignInThrottled, signIn, signInSchema } from "@/lib/auth";

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const input = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "email" | "password"] ??= issue.message;
    return { fieldErrors, email: input.email };
  }
  const next = String(form.get("next") ?? "/");
  try {
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/",
    });
    return {};
  } catch (error) {
    // Only Auth.js errors are outcomes to show; everything else (the redirect included) propagates.
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof SignInThrottled)
      return { email: input.email, error: `Too many sign-in attempts. Try again in ${error.retryAfter} seconds.` };
    const code = (error as AuthError & { code?: string }).code;
    return {
      email: input.email,
      error:
        code === "account_disabled"
          ? "This account is disabled. Ask an administrator of your organization."
          : "That email and password do not match an account.",
    };
  }
}

"use server";
import "server-only";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { signIn } from "@/lib/auth";
import { userPrincipal } from "@/lib/auth/principal";
import { getViewer, switchActiveTenant } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors";
import { requestMeta } from "@/lib/http/request-meta";
import { acceptInvitationLink } from "@/lib/services/invitation-links";
import { invitationToken, newAccountName, newAccountPassword } from "@/lib/validation/invitations";

export interface AcceptState {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "password", string>>;
  name?: string;
}

const newAccount = z.object({ token: invitationToken, name: newAccountName, password: newAccountPassword });

async function meta() {
  return requestMeta({ headers: await headers() });
}

const refusal = (error: unknown): AcceptState => {
  if (!(error instanceof ApiError)) throw error;
  return { error: error.detail };
};

/** A new person: the account from the link (name, password), then signed in and into the product. */
export async function createAccountAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const input = {
    token: String(form.get("token") ?? ""),
    name: String(form.get("name") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const parsed = newAccount.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: AcceptState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "name" | "password"] ??= issue.message;
    return { fieldErrors, name: input.name };
  }
  let email: string;
  try {
    const joined = await acceptInvitationLink({ db: await db(), meta: await meta(), principal: null }, parsed.data);
    email = (joined.body as unknown as { user: { email: string } }).user.email;
  } catch (error) {
    return { ...refusal(error), name: input.name };
  }
  // Signs in and lands in the product (Auth.js redirects by throwing: it propagates).
  await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
  return {};
}

/** An existing account, signed in: it joins the tenant, which becomes its active one. */
export async function joinAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const token = invitationToken.safeParse(String(form.get("token") ?? ""));
  if (!token.success) return { error: "This invitation link is not valid." };
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${token.data}`)}`);
  let tenantId: string;
  try {
    const joined = await acceptInvitationLink(
      { db: await db(), meta: await meta(), principal: userPrincipal(viewer) },
      { token: token.data },
    );
    tenantId = (joined.body as { tenant_id: string }).tenant_id;
  } catch (error) {
    return refusal(error);
  }
  // They are a member of it now (the write committed): it becomes the session's active tenant.
  await switchActiveTenant({ ...viewer, tenants: [...viewer.tenants, { id: tenantId, name: "", slug: "" }] }, tenantId);
  redirect("/");
}

import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm, JoinTenantForm } from "@/components/auth/accept-invite-form";
import { db } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { previewInvitation } from "@/lib/services/invitation-links";
import { invitationToken } from "@/lib/validation/invitations";

export const metadata: Metadata = { title: "Accept your invitation" };

/**
 * The public page an invitation link opens: a new person sets their name and password and is
 * signed in; an existing account signs in first and then joins (never silently).
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = invitationToken.safeParse(token);
  const invitation = valid.success ? await previewInvitation(await db(), valid.data) : null;
  if (!invitation) return <Notice title="This invitation link is not valid">Check that you copied all of it.</Notice>;
  if (!invitation.usable)
    return (
      <Notice title="This invitation can no longer be used">
        It was used already, revoked, or it expired. Ask whoever invited you for a new link.
      </Notice>
    );
  const heading = (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.tenant}</h1>
      <p className="mt-2 mb-8 text-sm text-slate-500">
        You were invited as <span className="font-medium text-slate-700">{invitation.email}</span>.
      </p>
    </>
  );
  if (!invitation.accountId)
    return (
      <>
        {heading}
        <AcceptInviteForm token={token} email={invitation.email} />
      </>
    );
  const viewer = await getViewer();
  const next = `/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`;
  if (!viewer)
    return (
      <>
        {heading}
        <p className="mb-6 text-sm text-slate-600">
          You already have a Gatehouse account with this email. Sign in with it, then accept the invitation.
        </p>
        <Link
          href={next}
          className="inline-flex h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-5 font-medium text-white hover:bg-brand-700"
        >
          Sign in to accept
        </Link>
      </>
    );
  if (viewer.user.id !== invitation.accountId)
    return (
      <Notice title="This invitation is for another account">
        You are signed in as {viewer.user.email}.{" "}
        <Link href="/sign-out" className="font-medium text-brand-700 underline">
          Sign out
        </Link>
        , then sign in as {invitation.email} to accept it.
      </Notice>
    );
  return (
    <>
      {heading}
      <JoinTenantForm token={token} tenant={invitation.tenant} />
    </>
  );
}

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-3 text-sm text-slate-600">{children}</p>
    </>
  );
}

import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SecuritySettings } from "@/components/mfa/security-settings";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/db";
import { userPrincipal } from "@/lib/auth/principal";
import { requireViewer } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/query/client";
import { mfaQueries } from "@/lib/query/mfa";
import { NO_REQUEST } from "@/lib/services/context";
import { getMfaStatus } from "@/lib/services/mfa";

export const metadata: Metadata = { title: "Security & MFA" };

export default async function SecurityPage() {
  const viewer = await requireViewer();
  const qc = makeQueryClient();
  qc.setQueryData(
    mfaQueries.status().queryKey,
    JSON.parse(
      JSON.stringify(await getMfaStatus({ db: await db(), principal: userPrincipal(viewer), meta: NO_REQUEST })),
    ),
  );
  return (
    <>
      <PageHeader
        title="Security & MFA"
        description="Two-factor authentication for your account. Gatehouse asks for a code from your authenticator app before actions your organization marked as sensitive."
      />
      <HydrationBoundary state={dehydrate(qc)}>
        <SecuritySettings />
      </HydrationBoundary>
    </>
  );
}

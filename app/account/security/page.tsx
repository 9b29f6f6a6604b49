import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SessionsCard } from "@/components/account/sessions-card";
import { SecuritySettings } from "@/components/mfa/security-settings";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/db";
import { userPrincipal } from "@/lib/auth/principal";
import { requireViewer } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/query/client";
import { mfaQueries } from "@/lib/query/mfa";
import { sessionQueries } from "@/lib/query/sessions";
import { NO_REQUEST } from "@/lib/services/context";
import { getMfaStatus } from "@/lib/services/mfa";
import { listMySessions } from "@/lib/services/sessions";

export const metadata: Metadata = { title: "Security & MFA" };

export default async function SecurityPage() {
  const viewer = await requireViewer();
  const qc = makeQueryClient();
  const ctx = { db: await db(), principal: userPrincipal(viewer), meta: NO_REQUEST };
  qc.setQueryData(mfaQueries.status().queryKey, JSON.parse(JSON.stringify(await getMfaStatus(ctx))));
  qc.setQueryData(sessionQueries.mine().queryKey, await listMySessions(ctx));
  return (
    <>
      <PageHeader
        title="Security & MFA"
        description="Two-factor authentication for your account. Gatehouse asks for a code from your authenticator app before actions your organization marked as sensitive."
      />
      <HydrationBoundary state={dehydrate(qc)}>
        <div className="space-y-6">
          <SecuritySettings />
          <SessionsCard />
        </div>
      </HydrationBoundary>
    </>
  );
}

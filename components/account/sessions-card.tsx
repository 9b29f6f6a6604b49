"use client";

import { LogOut, Monitor, Smartphone } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TimeAgo } from "@/components/ui/time-ago";
import { describeUserAgent } from "@/lib/format/user-agent";
import { problemDetail } from "@/lib/query/hooks";
import { type Session, useEndOtherSessions, useEndSession, useMySessions } from "@/lib/query/sessions";

/**
 * Where the caller is signed in: one row per live session (device, address, last seen), this one
 * marked. Another session ends at once, on every instance; this one is ended by signing out.
 */
export function SessionsCard() {
  const sessions = useMySessions();
  const [confirmAll, setConfirmAll] = useState(false);
  const endOne = useEndSession({ success: "Signed out that session" });
  const endOthers = useEndOtherSessions({
    success: (d) => `Signed out ${d.ended} other session${d.ended === 1 ? "" : "s"}`,
    onSuccess: () => setConfirmAll(false),
  });
  const others = sessions.data?.sessions.filter((s) => !s.current).length ?? 0;

  return (
    <Card aria-labelledby="sessions-title">
      <CardHeader
        title="Where you're signed in"
        description="Each browser you signed in from. Signing one out ends it at once, everywhere."
        action={
          others > 0 ? (
            <Button variant="secondary" size="sm" onClick={() => setConfirmAll(true)} className="shrink-0">
              <LogOut className="size-4" aria-hidden /> Sign out everywhere else
            </Button>
          ) : undefined
        }
      />
      {sessions.isPending ? (
        <div role="status" aria-label="Loading sessions" className="space-y-3 px-5 py-5">
          <Skeleton className="h-5 w-64" />
          <Skeleton className="h-5 w-56" />
        </div>
      ) : sessions.isError ? (
        <ErrorState detail={problemDetail(sessions.error)} onRetry={() => void sessions.refetch()} />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Sessions">
          {sessions.data.sessions.map((s) => (
            <SessionRow
              key={s.id}
              session={s}
              busy={endOne.isPending && endOne.variables?.id === s.id}
              onEnd={() => endOne.mutate(s)}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirmAll}
        onOpenChange={setConfirmAll}
        title="Sign out everywhere else?"
        description={`Your ${others} other session${others === 1 ? "" : "s"} will be signed out at once. This browser stays signed in.`}
        confirmLabel="Sign out everywhere else"
        busy={endOthers.isPending}
        onConfirm={() => endOthers.mutate()}
      />
    </Card>
  );
}

function SessionRow({ session: s, busy, onEnd }: { session: Session; busy: boolean; onEnd: () => void }) {
  const device = describeUserAgent(s.user_agent);
  const Icon = /iPhone|Android|iPad/.test(device) ? Smartphone : Monitor;
  return (
    <li
      className="flex items-center gap-4 px-5 py-4"
      aria-label={device}
      data-session={s.current ? "current" : "other"}
    >
      <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-600">
        <Icon className="size-5" aria-hidden />
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          {device}
          {s.current && <Badge tone="green">This session</Badge>}
        </p>
        <p className="mt-0.5 text-slate-500">
          {s.ip ?? "Unknown address"} · last seen <TimeAgo iso={s.last_seen_at} /> · signed in{" "}
          <TimeAgo iso={s.created_at} />
        </p>
      </div>
      {s.current ? (
        <Button variant="secondary" size="sm" asChild className="shrink-0">
          <Link href="/sign-out">Sign out</Link>
        </Button>
      ) : (
        <Button variant="secondary" size="sm" onClick={onEnd} disabled={busy} className="shrink-0">
          {busy ? "Signing out…" : "Sign out"}
        </Button>
      )}
    </li>
  );
}

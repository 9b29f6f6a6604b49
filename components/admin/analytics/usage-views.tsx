"use client";
import { SearchX, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { TimeAgo } from "@/components/ui/time-ago";
import { problemDetail } from "@/lib/query/hooks";
import { type StatsRange, type UsageStats, useDecisions, useRoleMemberStats, useUsageStats } from "@/lib/query/stats";
import { MembersSparkline } from "./members-sparkline";

const num = (n: number) => n.toLocaleString("en");
/** Rows shown per view; the busiest first. */
const LIMIT = 50;

/** What the decision log is narrowed to: a user's or a permission's denials over the period. */
export interface Drill {
  user_id?: string;
  code?: string;
  label: string;
}

/**
 * Usage per user and per role (checks, denials, last use — from the check counters), and the
 * role-assignment analytics: members per role, roles nobody used in the period.
 */
export function UsageViews({ range, onDrill }: { range: StatsRange; onDrill?: (d: Drill) => void }) {
  return (
    <Card className="mt-4">
      <Tabs defaultValue="users">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
          <div>
            <h2 className="text-base font-semibold text-slate-900">Usage</h2>
            <p className="text-sm text-slate-500">
              Checks through the check API per user and per role, {range.from} – {range.to}
            </p>
          </div>
          <TabsList aria-label="Group usage by">
            <TabsTrigger value="users">Per user</TabsTrigger>
            <TabsTrigger value="roles">Per role</TabsTrigger>
          </TabsList>
        </div>
        <TabsContent value="users">
          <UsageTable range={range} groupBy="user" onDrill={onDrill} />
        </TabsContent>
        <TabsContent value="roles">
          <UsageTable range={range} groupBy="role" onDrill={onDrill} />
        </TabsContent>
      </Tabs>
    </Card>
  );
}

function UsageTable({
  range,
  groupBy,
  onDrill,
}: {
  range: StatsRange;
  groupBy: "user" | "role";
  onDrill?: (d: Drill) => void;
}) {
  const usage = useUsageStats({ ...range, group_by: groupBy });
  // Members per role per day: asked only on the roles view (its own read, GET /api/v1/stats/role-members).
  const roleMembers = useRoleMemberStats(range, groupBy === "role");
  if (usage.isPending) return <Skeleton className="m-5 h-40" />;
  if (usage.isError) return <ErrorState detail={problemDetail(usage.error)} onRetry={() => void usage.refetch()} />;
  const rows: UsageStats["data"] = usage.data.data;
  const unused = rows.filter((r) => r.checks === 0);
  const series = new Map(roleMembers.data?.data.map((r) => [r.key, r.members]));
  return (
    <>
      {groupBy === "role" && (
        <p className="px-5 pt-3 text-sm text-slate-600" data-testid="roles-never-used">
          {unused.length === 0
            ? "Every role’s members made checks in the period."
            : `${unused.length} of ${rows.length} roles never used in the period: ${unused.map((r) => r.label).join(", ")}.`}
        </p>
      )}
      {groupBy === "role" && (
        <p className="px-5 pt-1 text-xs text-slate-500">
          Members per day: each day’s count at its end (UTC), recorded hourly by the server; today’s is live. A gap is a
          day nothing was recorded.
          {roleMembers.isError && ` The series could not be read: ${problemDetail(roleMembers.error)}`}
        </p>
      )}
      <div className="overflow-x-auto">
        <Table>
          <thead>
            <tr>
              <Th>{groupBy === "user" ? "User" : "Role"}</Th>
              {groupBy === "role" && <Th className="text-right">Members</Th>}
              {groupBy === "role" && <Th>Members per day</Th>}
              <Th className="text-right">Checks</Th>
              <Th className="text-right">Denials</Th>
              <Th>Last use</Th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, LIMIT).map((r) => (
              <Tr key={r.key}>
                <Td className="max-w-64 truncate text-slate-800" title={r.label}>
                  {r.label}
                  {groupBy === "role" && r.checks === 0 && (
                    <Badge tone="amber" className="ml-2">
                      unused
                    </Badge>
                  )}
                </Td>
                {groupBy === "role" && <Td className="text-right tabular-nums">{num(r.members ?? 0)}</Td>}
                {groupBy === "role" && (
                  <Td>
                    {roleMembers.isPending ? (
                      <Skeleton className="h-7 w-30" />
                    ) : series.get(r.key) && roleMembers.data ? (
                      <MembersSparkline days={roleMembers.data.days} members={series.get(r.key)!} label={r.label} />
                    ) : (
                      <span className="text-xs text-slate-400">—</span>
                    )}
                  </Td>
                )}
                <Td className="text-right tabular-nums">{num(r.checks)}</Td>
                <Td className="text-right tabular-nums">
                  {r.denials > 0 && groupBy === "user" && onDrill ? (
                    <button
                      type="button"
                      className="font-medium text-red-700 underline-offset-2 hover:underline"
                      onClick={() => onDrill({ user_id: r.key, label: r.label })}
                      aria-label={`Denials of ${r.label}`}
                    >
                      {num(r.denials)}
                    </button>
                  ) : (
                    num(r.denials)
                  )}
                </Td>
                <Td className="text-slate-600">{r.last_used_at ? <TimeAgo iso={r.last_used_at} /> : "never"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
      {rows.length > LIMIT && (
        <p className="border-t border-slate-100 px-5 py-3 text-center text-sm text-slate-500">
          The {LIMIT} most active of {num(rows.length)}; the API lists all (GET /api/v1/stats/usage).
        </p>
      )}
    </>
  );
}

/** The decision log's denials for a user or a permission over the period: "who was denied what, and why". */
export function DecisionDrill({ drill, range, onClose }: { drill: Drill; range: StatsRange; onClose: () => void }) {
  const log = useDecisions({
    user_id: drill.user_id,
    code: drill.code,
    result: "denied",
    from: `${range.from}T00:00:00Z`,
    to: `${range.to}T23:59:59.999Z`,
    limit: 50,
  });
  return (
    <Card className="mt-4" aria-label="Denials" data-testid="decision-drill">
      <CardHeader
        title={`Denials: ${drill.label}`}
        description="From the decision log: every denial is kept (granted decisions are sampled), newest first"
        action={
          <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close the denials">
            <X className="size-4" aria-hidden />
          </Button>
        }
      />
      {log.isPending ? (
        <Skeleton className="m-5 h-32" />
      ) : log.isError ? (
        <ErrorState detail={problemDetail(log.error)} onRetry={() => void log.refetch()} />
      ) : log.data.data.length === 0 ? (
        <EmptyState icon={SearchX} title="No denials logged" description="None in the decision log for this period." />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <thead>
              <tr>
                <Th>When</Th>
                <Th>User</Th>
                <Th>Permission</Th>
                <Th>Reason</Th>
                <Th>Source</Th>
              </tr>
            </thead>
            <tbody>
              {log.data.data.map((d, i) => (
                <Tr key={`${d.at}-${i}`}>
                  <Td className="whitespace-nowrap text-slate-600">
                    <TimeAgo iso={d.at} />
                  </Td>
                  <Td className="max-w-48 truncate">{d.user_email ?? d.user_id}</Td>
                  <Td>
                    <code className="font-mono text-xs text-slate-800">{d.code}</code>
                  </Td>
                  <Td>
                    <Badge tone="red">{d.reason}</Badge>
                  </Td>
                  <Td className="text-slate-600">
                    {d.source}
                    {d.api_key_id ? " (API key)" : ""}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}

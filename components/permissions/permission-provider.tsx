"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import { usePermStream } from "@/lib/live/use-perm-stream";
import { type MyPermissions, meKeys, meQueries, type PermissionMap } from "@/lib/query/me";
import { type PermissionChecks, permissionChecks } from "./permission-set";

export interface Permissions extends PermissionChecks {
  /** The tenant's perm_version the set was decided at. */
  permVersion: number;
  /** Whether `code` needs a recent TOTP step-up (the server enforces it; the UI can say so). */
  requiresMfa(code: string): boolean;
  /** A preview of another user's set: nothing may be done from here. */
  readOnly: boolean;
  /** Whose set this is when it is not the viewer's own (preview), for hints. */
  subject: string | null;
  /** Whether live updates are flowing (false in a preview, or while reconnecting). */
  live: boolean;
}

const PermissionContext = createContext<Permissions | null>(null);

export interface PermissionProviderProps {
  /** The tenant the set belongs to (the viewer's active tenant). */
  tenantId: string | null;
  /** The effective codes, decided on the server: the viewer's seed, or another user's set (preview). */
  codes: readonly string[];
  permVersion: number;
  /** Resource × action map (GET me/permission-map) decided with the same set. */
  map?: PermissionMap;
  requiresMfa?: readonly string[];
  /**
   * A fixed set shown read-only (the admin's "preview as user"): nothing is fetched, no live
   * updates, and gated actions render disabled.
   */
  readOnly?: boolean;
  subject?: string;
  children: React.ReactNode;
}

/** How long to keep asking when an instance answers older than the version the stream announced. */
const CATCH_UP_TRIES = 8;
const CATCH_UP_DELAY_MS = 150;

/**
 * Holds the effective permission set. Seeded by the server (the same codes rendered the page, so
 * no hydration mismatch and no flash), kept fresh with TanStack Query, and — unless read-only —
 * subscribed to the me/stream events: when the tenant's perm_version moves it refetches
 * me/permissions, me/menus and me/permission-map and refreshes the server-rendered page (server
 * guards and masked fields). Gates only hide; the server decides every action again.
 */
export function PermissionProvider({
  tenantId,
  codes,
  permVersion,
  map = {},
  requiresMfa = [],
  readOnly = false,
  subject,
  children,
}: PermissionProviderProps) {
  const live = !readOnly;
  const qc = useQueryClient();
  const router = useRouter();

  const seed = useMemo<MyPermissions>(
    () => ({
      permissions: Object.fromEntries(codes.map((c) => [c, true as const])),
      codes: [...codes],
      requires_mfa: [...requiresMfa],
      roles: [],
      perm_version: permVersion,
      cached_at: "",
    }),
    [codes, requiresMfa, permVersion],
  );
  // A preview never touches the viewer's own cache entries (same tenant, other person).
  const preview = ["permission-preview", tenantId, subject ?? null, permVersion] as const;
  const perms = useQuery({
    queryKey: live ? meKeys.permissions(tenantId) : [...preview, "codes"],
    queryFn: meQueries.permissions(tenantId).queryFn,
    initialData: seed,
    enabled: live,
    staleTime: 30_000,
    refetchOnWindowFocus: live,
  });
  const permMap = useQuery({
    queryKey: live ? meKeys.permissionMap(tenantId) : [...preview, "map"],
    queryFn: meQueries.permissionMap(tenantId).queryFn,
    initialData: map,
    enabled: live,
    staleTime: 30_000,
    refetchOnWindowFocus: live,
  });

  // The freshest of what the server just rendered and what the cache holds (after a
  // router.refresh the props may be newer than a cached answer, and the other way round).
  const fromCache = live && perms.data.perm_version >= permVersion;
  const current = fromCache ? perms.data : seed;
  const currentMap = fromCache ? permMap.data : map;

  // What the stream announced; an instance that has not caught up yet is asked again shortly.
  const wanted = useRef(permVersion);
  const tries = useRef(0);
  const refetchAll = useCallback(() => {
    for (const key of meKeys.all) void qc.invalidateQueries({ queryKey: key });
  }, [qc]);

  const onVersion = useCallback(
    (version: number) => {
      if (version <= Math.max(wanted.current, current.perm_version)) return;
      wanted.current = version;
      tries.current = 0;
      refetchAll();
      router.refresh();
    },
    [current.perm_version, refetchAll, router],
  );
  const { connected } = usePermStream(onVersion, live);

  useEffect(() => {
    if (!live || perms.isFetching || current.perm_version >= wanted.current || tries.current >= CATCH_UP_TRIES) return;
    tries.current += 1;
    const timer = setTimeout(refetchAll, CATCH_UP_DELAY_MS * tries.current);
    return () => clearTimeout(timer);
  }, [live, perms.isFetching, current.perm_version, refetchAll]);

  const value = useMemo<Permissions>(() => {
    const mfa = new Set(current.requires_mfa);
    return {
      ...permissionChecks(new Set(current.codes), currentMap),
      permVersion: current.perm_version,
      requiresMfa: (code) => mfa.has(code),
      readOnly,
      subject: subject ?? null,
      live: live && connected,
    };
  }, [current, currentMap, readOnly, subject, live, connected]);

  return <PermissionContext.Provider value={value}>{children}</PermissionContext.Provider>;
}

export function usePermissions(): Permissions {
  const value = useContext(PermissionContext);
  if (!value) throw new Error("usePermissions() needs a <PermissionProvider> above it");
  return value;
}

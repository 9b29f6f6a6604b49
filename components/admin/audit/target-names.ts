"use client";
import { createContext, useContext } from "react";
import type { AuditEntry } from "@/lib/query/audit";
import { recordedName } from "./target-label";

/** Names of audit targets by id, from the lists the page already has (roles, users, API keys). */
export const TargetNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

/**
 * What to call an entry's target: the name the entry itself recorded (after, else before: a
 * deleted role keeps its name in `before`), else the current name from the lookups, else null
 * (the caller shows the short id).
 */
export function useTargetName(e: AuditEntry): string | null {
  const names = useContext(TargetNamesContext);
  return recordedName(e) ?? (e.target_id ? (names.get(e.target_id) ?? null) : null);
}

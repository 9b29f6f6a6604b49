"use client";
import { useQueryClient } from "@tanstack/react-query";
import { ROLES_PATH, USERS_PATH } from "./types";

/**
 * After a write to one user: everything read about them (detail, permissions, stats, every
 * explanation, history), the user list (roles column) and the roles (user counts). One predicate,
 * because explanations are keyed per code.
 */
export function useRefreshUser(userId: string) {
  const qc = useQueryClient();
  const prefix = `${USERS_PATH}/${userId}`;
  return () =>
    qc.invalidateQueries({
      predicate: (q) => {
        const path = q.queryKey[1];
        return (
          q.queryKey[0] === "api" &&
          typeof path === "string" &&
          (path === prefix ||
            path.startsWith(`${prefix}/`) ||
            path === USERS_PATH ||
            path === ROLES_PATH ||
            path === "/api/v1/approvals")
        );
      },
    });
}

"use client";

import { useEffect, useRef, useState } from "react";
import { paths } from "@/lib/query/paths";

/** The SSE endpoint announcing the viewer's active tenant's perm_version. */
export const PERM_STREAM_PATH = paths.myStream;
/** The SSE event name (docs/api.md): `event: permissions` with `{perm_version, tenant_id}`. */
export const PERM_STREAM_EVENT = "permissions";

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Exponential backoff with full jitter, capped: attempt 0 → up to 1 s, 1 → up to 2 s, … ≤ 30 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  // Never below a quarter of the ceiling, so a storm of clients does not reconnect at once at 0 ms.
  return Math.round(ceiling / 4 + (random() * (ceiling * 3)) / 4);
}

/**
 * Subscribes to `/api/v1/me/stream` while `enabled` and calls `onVersion` with the tenant's new
 * perm_version on the first message and on every change. The browser's own EventSource retry is
 * replaced by ours (exponential backoff with jitter, capped at 30 s), so a server that is down is
 * not hammered. Closes on unmount. `connected` is true while the stream is open.
 */
export function usePermStream(onVersion: (permVersion: number) => void, enabled = true): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const callback = useRef(onVersion);
  useEffect(() => {
    callback.current = onVersion;
  }, [onVersion]);

  useEffect(() => {
    if (!enabled || typeof window === "undefined" || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let closed = false;
    let last = -1;

    const deliver = (data: string) => {
      let version: number;
      try {
        version = Number((JSON.parse(data) as { perm_version?: unknown }).perm_version);
      } catch {
        return;
      }
      if (!Number.isFinite(version) || version === last) return;
      last = version;
      callback.current(version);
    };

    const open = () => {
      if (closed) return;
      source = new EventSource(PERM_STREAM_PATH, { withCredentials: true });
      source.addEventListener("open", () => {
        attempt = 0;
        setConnected(true);
      });
      source.addEventListener(PERM_STREAM_EVENT, (event) => deliver((event as MessageEvent<string>).data));
      source.addEventListener("error", () => {
        // Take reconnection into our own hands: the browser would retry at a fixed interval.
        source?.close();
        source = null;
        setConnected(false);
        if (closed) return;
        timer = setTimeout(open, backoffDelay(attempt++));
      });
    };

    open();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      source?.close();
      source = null;
      setConnected(false);
    };
  }, [enabled]);

  return { connected };
}

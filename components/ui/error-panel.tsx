"use client";
import { RotateCcw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, useTransition } from "react";
import { Button } from "./button";
import { StatusPanel } from "./status-panel";

/**
 * What an error boundary shows: the failure in plain words, a retry that re-fetches the segment,
 * a way elsewhere, and the error's digest (the id in the server's log) for a support request.
 */
export function ErrorPanel({
  error,
  retry,
  home,
  what = "this page",
}: {
  error: Error & { digest?: string };
  retry: () => void;
  home: { href: string; label: string };
  what?: string;
}) {
  const [pending, start] = useTransition();
  useEffect(() => console.error(error), [error]);
  return (
    <StatusPanel
      icon={TriangleAlert}
      tone="red"
      title={`Could not load ${what}`}
      actions={
        <>
          <Button onClick={() => start(() => retry())} disabled={pending}>
            <RotateCcw className={pending ? "size-4 animate-spin" : "size-4"} aria-hidden />
            {pending ? "Trying again…" : "Try again"}
          </Button>
          <Button asChild variant="secondary">
            <Link href={home.href}>{home.label}</Link>
          </Button>
        </>
      }
      footnote={
        error.digest ? (
          <>
            Error reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null
      }
    >
      <p role="alert">
        Something went wrong on our side while loading it. Nothing you changed was lost; try again in a moment. If it
        keeps failing, send the reference below to your administrator.
      </p>
    </StatusPanel>
  );
}

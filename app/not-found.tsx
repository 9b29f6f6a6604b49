import { Compass } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { StatusPanel } from "@/components/ui/status-panel";

export const metadata: Metadata = { title: "Page not found" };

/** A URL no page answers (pages with their own not-found, like a role or a user, say more). */
export default function NotFound() {
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-6">
      <StatusPanel
        icon={Compass}
        title="Page not found"
        actions={
          <>
            <Button asChild>
              <Link href="/">Back to home</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href="/admin">Admin console</Link>
            </Button>
          </>
        }
      >
        <p>There is no page at this address. The link may be mistyped, or the page may have moved.</p>
      </StatusPanel>
    </main>
  );
}

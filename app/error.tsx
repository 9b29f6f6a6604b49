"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

/** Any other page that failed to render (the console has its own, inside its frame). */
export default function RootError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-6">
      <ErrorPanel error={error} retry={retry} home={{ href: "/", label: "Back to home" }} />
    </main>
  );
}

"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

/** A console page that failed to render: shown inside the console's frame, with a retry. */
export default function AdminError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="py-10">
      <ErrorPanel
        error={error}
        retry={retry}
        what="this console page"
        home={{ href: "/admin", label: "Console overview" }}
      />
    </div>
  );
}

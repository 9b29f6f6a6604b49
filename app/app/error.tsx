"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

/** A workspace page that failed to render: shown inside the product's frame, with a retry. */
export default function AppError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="py-10">
      <ErrorPanel
        error={error}
        retry={retry}
        what="this workspace page"
        home={{ href: "/app", label: "Workspace home" }}
      />
    </div>
  );
}

"use client";
import { GeistSans } from "geist/font/sans";
import { ErrorPanel } from "@/components/ui/error-panel";
import "./globals.css";

/**
 * The root layout itself failed: this replaces it, so it brings its own document, styles and font
 * (metadata exports do not apply here, hence the <title>).
 */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="min-h-dvh font-sans">
        <title>Something went wrong · Gatehouse</title>
        <main id="main" className="grid min-h-dvh place-items-center px-6">
          <ErrorPanel error={error} retry={retry} what="Gatehouse" home={{ href: "/", label: "Back to home" }} />
        </main>
      </body>
    </html>
  );
}

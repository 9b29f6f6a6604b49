import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/brand";
import { ApiReference } from "@/components/docs/api-reference";
import { paths } from "@/lib/query/paths";
import { swaggerAssetUrl } from "./assets/swagger-dist";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  const [css, bundle] = await Promise.all([swaggerAssetUrl("swagger-ui.css"), swaggerAssetUrl("swagger-ui-bundle.js")]);
  return (
    <div className="min-h-dvh bg-white">
      {/* Swagger UI's own stylesheet, served as shipped (React hoists it into <head>). */}
      <link rel="stylesheet" href={css} precedence="default" />
      <header className="border-b border-slate-200">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 sm:px-6">
          <Link href="/" aria-label="Gatehouse home">
            <Brand />
          </Link>
          <a className="text-sm font-medium text-brand-700 hover:underline" href={paths.openapi}>
            openapi.json
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-2 py-6 sm:px-4">
        <h1 className="px-3 text-2xl font-semibold tracking-tight">Gatehouse API reference</h1>
        <p className="px-3 pt-1 text-sm text-slate-500">
          Authenticate with an API key (<code>Authorization: Bearer gh_…</code>) or a browser session. Errors are{" "}
          <code>application/problem+json</code>.
        </p>
        <ApiReference bundleUrl={bundle} />
      </main>
    </div>
  );
}

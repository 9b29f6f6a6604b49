import { Brand } from "@/components/brand";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-dvh lg:grid-cols-[1fr_1.1fr]">
      <main className="flex flex-col px-6 py-8 sm:px-12">
        <Brand />
        <div className="flex flex-1 items-center justify-center py-12">
          <div className="w-full max-w-sm">{children}</div>
        </div>
        <p className="text-xs text-slate-400">Gatehouse · roles & permissions for multi-tenant products</p>
      </main>
      <aside className="relative hidden overflow-hidden bg-brand-900 lg:block" aria-hidden>
        <div className="absolute inset-0 bg-[radial-gradient(circle_at_30%_20%,rgba(99,102,241,0.55),transparent_55%),radial-gradient(circle_at_80%_80%,rgba(16,185,129,0.25),transparent_50%)]" />
        <div className="relative flex h-full flex-col justify-end p-12 text-brand-50">
          <div className="mb-10 grid max-w-md grid-cols-4 gap-2 opacity-90">
            {["Admin", "Engineer Lead", "Field Engineer", "Viewer"].map((role, r) => (
              <div key={role} className="contents">
                {[0, 1, 2, 3].map((c) => (
                  <div
                    key={c}
                    className={`h-8 rounded-md ${c <= 3 - r ? "bg-white/80" : "bg-white/10 ring-1 ring-white/20"}`}
                  />
                ))}
              </div>
            ))}
          </div>
          <p className="max-w-md text-2xl font-semibold leading-snug">
            One decision, explained everywhere: every sidebar item, button and API check answers to the same rules.
          </p>
          <p className="mt-3 max-w-md text-brand-100/80">
            Roles with inheritance, per-user overrides, plans, approvals and an audit trail that cannot be rewritten.
          </p>
        </div>
      </aside>
    </div>
  );
}

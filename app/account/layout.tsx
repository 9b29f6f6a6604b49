import { QueryProvider } from "@/components/providers/query-provider";
import { TopBar } from "@/components/shell/top-bar";
import { requireViewer } from "@/lib/auth/session";

/** The signed-in user's own settings: the top bar and a narrow column. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  return (
    <QueryProvider>
      <div className="min-h-dvh">
        <TopBar viewer={viewer} />
        <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </div>
    </QueryProvider>
  );
}

import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** The matrix's loading state: toolbar, header row and a few rows of cells. */
export function MatrixSkeleton() {
  return (
    <div role="status" aria-label="Loading the permission matrix" className="space-y-3">
      <div className="flex gap-2">
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-32" />
      </div>
      <Card className="overflow-hidden">
        <div className="flex gap-3 border-b border-slate-100 p-4">
          <Skeleton className="h-10 w-96" />
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-24" />
          ))}
        </div>
        <div className="space-y-3 p-4">
          {Array.from({ length: 10 }, (_, i) => (
            <div key={i} className="flex items-center gap-3">
              <Skeleton className="h-8 w-96" />
              {Array.from({ length: 6 }, (_, j) => (
                <Skeleton key={j} className="mx-10 size-4" />
              ))}
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}

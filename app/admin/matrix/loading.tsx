import { MatrixSkeleton } from "@/components/admin/matrix/matrix-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-[32rem] max-w-full" />
      </div>
      <MatrixSkeleton />
    </>
  );
}

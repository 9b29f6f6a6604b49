import { UserX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** An unknown id, or a user of another tenant: alike, so nothing is revealed about other tenants. */
export default function UserNotFound() {
  return (
    <Card className="mx-auto mt-10 max-w-lg px-6 py-10 text-center">
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-slate-100 text-slate-500">
        <UserX className="size-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">User not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        There is no member with this id in this tenant. They may have been removed, or the link belongs to another
        tenant.
      </p>
      <Button asChild variant="secondary" className="mt-6">
        <Link href="/admin/users">Back to users</Link>
      </Button>
    </Card>
  );
}

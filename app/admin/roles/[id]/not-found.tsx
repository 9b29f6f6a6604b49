import { ShieldQuestion } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function RoleNotFound() {
  return (
    <Card className="mx-auto mt-10 max-w-lg px-6 py-12 text-center">
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-slate-100 text-slate-500">
        <ShieldQuestion className="size-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">Role not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        There is no such role in this tenant. It may have been deleted, or the link belongs to another organization.
      </p>
      <Button asChild variant="secondary" className="mt-6">
        <Link href="/admin/roles">Back to roles</Link>
      </Button>
    </Card>
  );
}

import type { Metadata } from "next";
import { AccessDenied } from "./_access/access-denied";
import { ForbiddenReason } from "./_access/forbidden-reason";

export const metadata: Metadata = { title: "Not allowed" };

/** What `forbidden()` renders (a 403): the page guards in lib/admin/page.ts call it. */
export default function Forbidden() {
  return <AccessDenied reason={<ForbiddenReason />} />;
}

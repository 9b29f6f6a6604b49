import { erpExport } from "@/lib/demo/actions";

/** Export an ERP list; requires `<resource>.export`. */
export const POST = erpExport();

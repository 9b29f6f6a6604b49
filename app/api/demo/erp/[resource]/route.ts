import { erpCreate } from "@/lib/demo/actions";

/** Create a record in an ERP list; requires `<resource>.create`. */
export const POST = erpCreate();

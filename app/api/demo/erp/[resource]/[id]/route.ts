import { erpRecordAction } from "@/lib/demo/actions";

/** Edit a record of an ERP list; requires `<resource>.edit`. */
export const PATCH = erpRecordAction("edit");
/** Delete a record of an ERP list; requires `<resource>.delete`. */
export const DELETE = erpRecordAction("delete");

/**
 * Rows for the ERP's menu items (seed 004): one generic list per resource, with columns that suit
 * it. Unknown resources (a menu item added later) still get a plausible list.
 */
import { daysAgo, digits, int, PEOPLE, pick, type Random, random } from "./random";

type Kind = "ref" | "name" | "company" | "product" | "money" | "qty" | "date" | "status" | "person" | "text";
interface Column {
  key: string;
  label: string;
  kind: Kind;
  options?: readonly string[];
  prefix?: string;
}
export interface ErpColumn {
  key: string;
  label: string;
  align: "left" | "right";
}
export type ErpRow = { id: string } & Record<string, string | number>;

const c = (key: string, label: string, kind: Kind, extra: Partial<Column> = {}): Column => ({
  key,
  label,
  kind,
  ...extra,
});
const STATUS_DOC = ["Draft", "Sent", "Paid", "Overdue"] as const;
const STATUS_ORDER = ["Open", "Confirmed", "Shipped", "Closed"] as const;

const SCHEMAS: Record<string, { noun: string; columns: Column[] }> = {
  products: {
    noun: "product",
    columns: [
      c("sku", "SKU", "ref", { prefix: "SKU-" }),
      c("name", "Name", "product"),
      c("category", "Category", "text", { options: ["Meters", "Cables", "Tools", "Sensors"] }),
      c("price", "Price", "money"),
      c("stock", "In stock", "qty"),
    ],
  },
  contacts: {
    noun: "contact",
    columns: [
      c("name", "Name", "name"),
      c("company", "Company", "company"),
      c("email", "Email", "text"),
      c("phone", "Phone", "text"),
    ],
  },
  categories: {
    noun: "category",
    columns: [
      c("name", "Name", "text", {
        options: ["Meters", "Cables", "Tools", "Sensors", "Spare parts", "Safety", "Services"],
      }),
      c("products", "Products", "qty"),
      c("owner", "Owner", "person"),
    ],
  },
  "sales.invoices": {
    noun: "invoice",
    columns: [
      c("number", "Invoice", "ref", { prefix: "INV-" }),
      c("customer", "Customer", "company"),
      c("date", "Date", "date"),
      c("amount", "Amount", "money"),
      c("status", "Status", "status", { options: STATUS_DOC }),
    ],
  },
  "sales.orders": {
    noun: "sales order",
    columns: [
      c("number", "Order", "ref", { prefix: "SO-" }),
      c("customer", "Customer", "company"),
      c("date", "Date", "date"),
      c("amount", "Total", "money"),
      c("status", "Status", "status", { options: STATUS_ORDER }),
    ],
  },
  "sales.customers": {
    noun: "customer",
    columns: [
      c("name", "Customer", "company"),
      c("contact", "Contact", "name"),
      c("orders", "Orders", "qty"),
      c("revenue", "Revenue", "money"),
    ],
  },
  "purchasing.orders": {
    noun: "purchase order",
    columns: [
      c("number", "PO", "ref", { prefix: "PO-" }),
      c("vendor", "Vendor", "company"),
      c("date", "Date", "date"),
      c("amount", "Total", "money"),
      c("status", "Status", "status", { options: STATUS_ORDER }),
    ],
  },
  "purchasing.invoices": {
    noun: "purchase invoice",
    columns: [
      c("number", "Bill", "ref", { prefix: "BILL-" }),
      c("vendor", "Vendor", "company"),
      c("date", "Date", "date"),
      c("amount", "Amount", "money"),
      c("status", "Status", "status", { options: STATUS_DOC }),
    ],
  },
  "purchasing.vendors": {
    noun: "vendor",
    columns: [
      c("name", "Vendor", "company"),
      c("contact", "Contact", "name"),
      c("open_pos", "Open POs", "qty"),
      c("spend", "Spend (12 mo)", "money"),
    ],
  },
  "inventory.stock": {
    noun: "stock line",
    columns: [
      c("sku", "SKU", "ref", { prefix: "SKU-" }),
      c("product", "Product", "product"),
      c("warehouse", "Warehouse", "text", { options: ["Leeds DC", "Bristol", "Norwich"] }),
      c("on_hand", "On hand", "qty"),
      c("reserved", "Reserved", "qty"),
    ],
  },
  "inventory.warehouses": {
    noun: "warehouse",
    columns: [
      c("name", "Warehouse", "text", { options: ["Leeds DC", "Bristol", "Norwich", "Glasgow", "Cardiff"] }),
      c("manager", "Manager", "person"),
      c("lines", "Stock lines", "qty"),
    ],
  },
  "inventory.movements": {
    noun: "movement",
    columns: [
      c("ref", "Movement", "ref", { prefix: "MV-" }),
      c("product", "Product", "product"),
      c("date", "Date", "date"),
      c("qty", "Quantity", "qty"),
      c("type", "Type", "status", { options: ["Receipt", "Issue", "Transfer", "Adjustment"] }),
    ],
  },
  "finance.accounts": {
    noun: "account",
    columns: [
      c("code", "Code", "ref", { prefix: "" }),
      c("name", "Account", "text", {
        options: [
          "Cash at bank",
          "Trade debtors",
          "Stock",
          "Trade creditors",
          "VAT control",
          "Sales",
          "Cost of sales",
          "Wages",
        ],
      }),
      c("balance", "Balance", "money"),
    ],
  },
  "finance.journal": {
    noun: "journal entry",
    columns: [
      c("ref", "Entry", "ref", { prefix: "JE-" }),
      c("date", "Date", "date"),
      c("memo", "Memo", "text", { options: ["Month-end accrual", "Depreciation", "Bank fees", "VAT adjustment"] }),
      c("amount", "Amount", "money"),
      c("author", "Posted by", "person"),
    ],
  },
};

function cell(r: Random, col: Column, i: number): string | number {
  switch (col.kind) {
    case "ref":
      return `${col.prefix ?? ""}${col.prefix === "" ? 1000 + i * 10 : `${2026}${digits(r, 4)}`}`;
    case "name":
    case "person":
      return pick(r, PEOPLE);
    case "company":
      return `${pick(r, ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware", "Adatum"])} ${pick(r, ["Ltd", "plc", "Group", "Trading"])}`;
    case "product":
      return `${pick(r, ["Smart meter", "CT clamp", "Comms hub", "Cable drum", "Torque driver", "Signal booster"])} ${pick(r, ["S", "M", "XL", "Pro"])}`;
    case "money":
      return int(r, 40, 48_000);
    case "qty":
      return int(r, 0, 480);
    case "date":
      return daysAgo(int(r, 0, 120));
    case "status":
    case "text":
      return col.options
        ? pick(r, col.options)
        : col.key === "email"
          ? `${pick(r, ["sales", "ops", "accounts"])}@${pick(r, ["northwind", "contoso", "fabrikam"])}.example`
          : `+44 20 ${digits(r, 4)} ${digits(r, 4)}`;
  }
}

const FALLBACK = {
  noun: "record",
  columns: [
    c("ref", "Reference", "ref", { prefix: "REC-" }),
    c("name", "Name", "product"),
    c("date", "Updated", "date"),
    c("owner", "Owner", "person"),
  ],
};

export function erpList(resource: string): { noun: string; columns: ErpColumn[]; rows: ErpRow[] } {
  const schema = SCHEMAS[resource] ?? FALLBACK;
  const r = random(`erp-${resource}`);
  const rows = Array.from({ length: 14 }, (_, i) => {
    const row: ErpRow = { id: `${resource}-${i + 1}` };
    for (const col of schema.columns) row[col.key] = cell(r, col, i);
    return row;
  });
  return {
    noun: schema.noun,
    columns: schema.columns.map((col) => ({
      key: col.key,
      label: col.label,
      align: col.kind === "money" || col.kind === "qty" ? "right" : "left",
    })),
    rows,
  };
}

export const moneyColumns = (resource: string) =>
  new Set((SCHEMAS[resource] ?? FALLBACK).columns.filter((col) => col.kind === "money").map((col) => col.key));

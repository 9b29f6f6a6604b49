import { describe, expect, it } from "vitest";
import type { LockedMenuItem, MenuItem, MyMenus } from "@/lib/query/me";
import { sidebarGroups } from "./sidebar-nav";

const sales = { id: "m-sales", code: "sales", name: "Sales", icon: "briefcase", sort_order: 1 };
const item = (id: string, name: string, sort: number) =>
  ({ id, code: id, name, route: `/sales/${id}`, icon: "users", sort_order: sort }) as unknown as MenuItem;
const menus = (items: MenuItem[]) => ({ plan: null, modules: [{ ...sales, items }] }) as unknown as MyMenus;
const locked = (i: MenuItem): LockedMenuItem => ({ ...i, module: sales, upgrade: null }) as unknown as LockedMenuItem;

const names = (groups: ReturnType<typeof sidebarGroups>) =>
  groups.flatMap((g) => g.entries.map((e) => `${e.name}${e.locked ? " (locked)" : ""}`));

describe("sidebarGroups", () => {
  const orders = item("orders", "Orders", 1);
  const customers = item("customers", "Customers", 2);

  it("lists open items and the plan's locked items in their module, in order", () => {
    expect(names(sidebarGroups(menus([orders]), [locked(customers)]))).toEqual(["Orders", "Customers (locked)"]);
  });

  it("shows an item once after a live plan change: open in the refetched menus wins over the stale locked list", () => {
    // The menus were refetched (Customers now included); the server-rendered locked list is older.
    expect(names(sidebarGroups(menus([orders, customers]), [locked(customers)]))).toEqual(["Orders", "Customers"]);
  });
});

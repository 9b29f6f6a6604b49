import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { ErpList } from "@/components/demo/erp-list";
import { DemoNote } from "@/components/demo/format";
import { NoAccessPanel } from "@/components/demo/no-access-panel";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { appHref } from "@/components/product/routes";
import { db } from "@/db";
import { appPage } from "@/lib/demo/app-page";
import { erpList, moneyColumns } from "@/lib/demo/erp";
import { menuItemByRoute } from "@/lib/demo/navigation";

type Props = { params: Promise<{ slug: string[] }> };
const routeOf = async (params: Props["params"]) => `/${(await params).slug.map(encodeURIComponent).join("/")}`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const item = await menuItemByRoute(await db(), await routeOf(params));
  return { title: item?.name ?? "Not found" };
}

/** Every other menu item of the catalog (the ERP's lists): one generic page, gated by the item's permissions. */
export default async function MenuItemPage({ params }: Props) {
  const route = await routeOf(params);
  const item = await menuItemByRoute(await db(), route);
  if (!item?.permissionCode || !item.resource) notFound();
  if (appHref(item.route) !== `/app${route}`) redirect(appHref(item.route));
  const page = await appPage(item.permissionCode);
  if (page.kind === "upgrade") return <UpgradePanel feature={item.name} {...page} />;
  if (page.kind === "denied") return <NoAccessPanel feature={item.name} anyOf={page.anyOf} />;
  const list = erpList(item.resource);
  return (
    <>
      <AppPageHeader
        legend
        title={
          <>
            {item.name} <DemoNote />
          </>
        }
        description={
          <>
            {item.moduleName} · the five actions of{" "}
            <code className="whitespace-nowrap font-mono text-xs">{item.resource}</code> decide what you can do here.
          </>
        }
      />
      <ErpList
        name={item.name}
        resource={item.resource}
        noun={list.noun}
        columns={list.columns}
        rows={list.rows}
        money={[...moneyColumns(item.resource)]}
      />
    </>
  );
}

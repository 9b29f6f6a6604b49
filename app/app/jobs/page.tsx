import type { Metadata } from "next";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { DemoNote } from "@/components/demo/format";
import { JobsBoard } from "@/components/demo/jobs-board";
import { NoAccessPanel } from "@/components/demo/no-access-panel";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { appPage } from "@/lib/demo/app-page";
import { demoJobs } from "@/lib/demo/jobs";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const page = await appPage("jobs.list.view");
  if (page.kind === "upgrade") return <UpgradePanel feature="Jobs" {...page} />;
  if (page.kind === "denied") return <NoAccessPanel feature="Jobs" anyOf={page.anyOf} />;
  return (
    <>
      <AppPageHeader
        legend
        title={
          <>
            Jobs <DemoNote />
          </>
        }
        description="Field jobs as a list or a board."
      />
      <JobsBoard jobs={demoJobs()} />
    </>
  );
}

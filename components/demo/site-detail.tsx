"use client";

import { Download, Eye, FilePlus2, MessageSquare, NotebookPen, Pencil, ShieldAlert } from "lucide-react";
import { DisabledWithReason, MissingPermission, missingSentence } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { Gated, SiteDetail } from "@/lib/demo/site-detail";
import { SITE_FIELDS, SITE_TABS } from "@/lib/demo/site-detail";
import { api } from "@/lib/query/api";
import { Masked, money, number } from "./format";
import { GatedAction, GatedFormAction } from "./gated-action";
import { PagePermissions } from "./page-permissions";
import { SiteTabs } from "./site-tabs";

export const SITE_DETAIL_PERMISSIONS = [
  { code: "sites.detail.view", what: "Open a site" },
  { code: "sites.detail.edit", what: "Edit the site" },
  ...SITE_TABS.map((t) => ({ code: t.code, what: `${t.label} tab` })),
  { code: "sites.detail.actions.test_meter", what: "Test meter (MFA)" },
  { code: "sites.detail.actions.change_meter", what: "Change meter (MFA)" },
  { code: "sites.detail.actions.change_sim", what: "Change SIM (MFA)" },
  { code: "sites.detail.actions.add_note", what: "Add a note" },
  { code: "sites.detail.actions.create_job", what: "Create a job" },
  { code: "sites.detail.actions.export", what: "Export the site" },
  { code: "sites.detail.actions.text_landlord", what: "Text the landlord" },
  { code: "sites.detail.actions.monitoring", what: "Advanced monitoring" },
  { code: "sites.detail.actions.alerts", what: "Acknowledge alerts" },
  { code: "sites.detail.actions.compare", what: "Compare readings" },
  { code: SITE_FIELDS.account_number, what: "Account number field" },
  { code: SITE_FIELDS.billing, what: "Billing fields" },
  { code: SITE_FIELDS.landlord_contact, what: "Landlord contact fields" },
  { code: SITE_FIELDS.meter_serial, what: "Meter serial and SIM fields" },
  { code: SITE_FIELDS.consumption, what: "Consumption chart" },
  { code: SITE_FIELDS.notes, what: "Site notes" },
  { code: SITE_FIELDS.sensitive, what: "Sensitive data unmasked (MFA)" },
];

/** The site's header actions: each its own permission, each refused by its route without it. */
export function SiteActions({ site }: { site: SiteDetail }) {
  const base = `/api/demo/sites/${site.id}`;
  return (
    <>
      <GatedFormAction
        code="sites.detail.edit"
        label="Edit"
        icon={Pencil}
        title={`Edit ${site.name}`}
        submitLabel="Save"
        fields={[{ name: "name", label: "Site name", initial: site.name }]}
        send={(v) => api.patch(base, v)}
      />
      <GatedFormAction
        code="sites.detail.actions.add_note"
        label="Add note"
        icon={NotebookPen}
        title="Add a note"
        submitLabel="Add note"
        fields={[{ name: "text", label: "Note", kind: "textarea", placeholder: "What did you find on site?" }]}
        send={(v) => api.post(`${base}/notes`, v)}
      />
      <GatedAction
        code="sites.detail.actions.create_job"
        label="Create job"
        icon={FilePlus2}
        run={() => api.post(`${base}/jobs`, {})}
      />
      <GatedAction
        code="sites.detail.actions.export"
        label="Export"
        icon={Download}
        run={() => api.post(`${base}/export`, {})}
      />
    </>
  );
}

/** Site information, its guarded fields and its tabs. Values the viewer may not see never reached the browser. */
export function SiteDetailView({ site }: { site: SiteDetail }) {
  const f = site.fields;
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Site information" description={`${site.address}, ${site.city} ${site.postcode}`} />
          <dl className="grid gap-x-6 gap-y-4 px-5 py-4 text-sm sm:grid-cols-2">
            <Row label="Region">{site.region}</Row>
            <Row label="Meter type">{site.meterType}</Row>
            <Row label="Last reading">
              {number(site.lastReadingKwh)} kWh <span className="text-slate-500">on {site.lastReadAt}</span>
            </Row>
            <Row label="Open alerts">{site.openAlerts}</Row>
            <GatedRow label="Meter serial" field={f.meterSerial}>
              {(v) => <span className="font-mono">{v}</span>}
            </GatedRow>
            <GatedRow label="SIM (ICCID)" field={f.simIccid}>
              {(v) => <span className="font-mono">{v}</span>}
            </GatedRow>
            <GatedRow label="Account number" field={f.accountNumber} testId="field-account-number">
              {(v) => <span className="font-mono">{v}</span>}
            </GatedRow>
            <GatedRow label="Billing" field={f.billing}>
              {(b) => (
                <span>
                  {b.tariff} · {money(b.monthly)}/month · balance{" "}
                  <span className={b.balance > 0 ? "text-amber-700" : ""}>{money(b.balance)}</span> · {b.paymentMethod}
                </span>
              )}
            </GatedRow>
            <GatedRow label="Landlord contact" field={f.landlord}>
              {(l) => (
                <span>
                  {l.name} · {l.phone} · {l.email}
                </span>
              )}
            </GatedRow>
            <GatedRow label="Notes" field={f.notes}>
              {(n) => (
                <ul className="list-disc pl-4">
                  {n.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              )}
            </GatedRow>
          </dl>
          <div className="border-t border-slate-100 px-5 py-3">
            <TextLandlord site={site} />
          </div>
        </Card>
        <SensitiveCard site={site} />
      </div>
      <SiteTabs site={site} />
      <PagePermissions items={SITE_DETAIL_PERMISSIONS} />
    </div>
  );
}

/**
 * Texting the landlord needs the action's permission and the landlord's contact: without the
 * contact the button stays, disabled, saying which field permission is missing.
 */
const TEXT_LANDLORD = "sites.detail.actions.text_landlord";

function TextLandlord({ site }: { site: SiteDetail }) {
  const p = usePermissions();
  const landlord = site.fields.landlord;
  if (!landlord.visible) {
    const missing = [landlord.requires, ...(p.can(TEXT_LANDLORD) ? [] : [TEXT_LANDLORD])];
    return (
      <DisabledWithReason
        reason={`${missingSentence(missing, false, p.subject)} (the landlord’s contact is hidden)`}
        missing={missing}
      >
        <Button variant="secondary" size="sm" data-permission={TEXT_LANDLORD}>
          <MessageSquare className="size-4" aria-hidden /> Text landlord
        </Button>
      </DisabledWithReason>
    );
  }
  return (
    <GatedFormAction
      code={TEXT_LANDLORD}
      label="Text landlord"
      icon={MessageSquare}
      title={`Text ${landlord.value.name}`}
      submitLabel="Send text"
      fields={[
        {
          name: "text",
          label: "Message",
          kind: "textarea",
          placeholder: "Our engineer will visit on Tuesday morning.",
        },
      ]}
      send={(v) => api.post(`/api/demo/sites/${site.id}/text-landlord`, v)}
    />
  );
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}

function GatedRow<T>({
  label,
  field,
  children,
  testId,
}: {
  label: string;
  field: Gated<T>;
  children: (value: T) => React.ReactNode;
  testId?: string;
}) {
  return (
    <Row label={label} testId={testId}>
      {field.visible ? children(field.value) : <MissingPermission code={field.requires} label="Hidden: requires" />}
    </Row>
  );
}

function SensitiveCard({ site }: { site: SiteDetail }) {
  const { subject } = usePermissions();
  const s = site.fields.sensitive;
  return (
    <Card data-testid="sensitive-card">
      <CardHeader
        title="Sensitive data"
        description={s.masked ? `Masked for ${subject ?? "you"}` : "Visible: handle with care"}
        action={
          s.masked ? (
            <ShieldAlert className="size-4 text-amber-600" aria-hidden />
          ) : (
            <Eye className="size-4 text-red-600" aria-hidden />
          )
        }
      />
      <dl className="space-y-3 px-5 py-4 text-sm">
        <Row label="Bank account (IBAN)" testId="sensitive-iban">
          {s.masked ? <Masked /> : <span className="font-mono">{s.iban}</span>}
        </Row>
        <Row label="Site access code" testId="sensitive-access-code">
          {s.masked ? <Masked /> : <span className="font-mono">{s.accessCode}</span>}
        </Row>
        <Row label="Vulnerability" testId="sensitive-vulnerability">
          {s.masked ? <Masked /> : s.vulnerability}
        </Row>
      </dl>
      {s.masked && (
        <p className="border-t border-slate-100 px-5 py-3">
          <MissingPermission
            code={SITE_FIELDS.sensitive}
            label={subject ? `Masked: ${subject} lacks` : "Masked: requires"}
          />
        </p>
      )}
    </Card>
  );
}

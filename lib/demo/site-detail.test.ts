import { describe, expect, it } from "vitest";
import { MASK, siteDetailFor } from "./site-detail";
import { demoSites, findSite, siteRows } from "./sites";

const site = findSite("S-1001")!;
const only =
  (...codes: string[]) =>
  (code: string) =>
    codes.includes(code);

describe("demo sites", () => {
  it("are deterministic", () => {
    expect(siteRows()).toEqual(siteRows());
    expect(demoSites()).toHaveLength(36);
    expect(site.name).toBeTruthy();
  });
});

describe("siteDetailFor", () => {
  it("masks the sensitive fields without sites.detail.fields.sensitive, and never sends their values", () => {
    const d = siteDetailFor(site, only("sites.detail.fields.account_number"));
    expect(d.fields.sensitive).toEqual({ masked: true, iban: MASK, accessCode: MASK, vulnerability: MASK });
    expect(JSON.stringify(d)).not.toContain(site.sensitive.iban);
    expect(JSON.stringify(d)).not.toContain(site.sensitive.accessCode);
  });

  it("shows the sensitive values with the permission", () => {
    const d = siteDetailFor(site, only("sites.detail.fields.sensitive"));
    expect(d.fields.sensitive).toMatchObject({ masked: false, iban: site.sensitive.iban });
  });

  it("keeps each field behind its own permission, naming the one that would show it", () => {
    const d = siteDetailFor(site, only("sites.detail.fields.account_number"));
    expect(d.fields.accountNumber).toEqual({ visible: true, value: site.accountNumber });
    expect(d.fields.billing).toEqual({ visible: false, requires: "sites.detail.fields.billing" });
    expect(d.fields.landlord).toEqual({ visible: false, requires: "sites.detail.fields.landlord_contact" });
    expect(JSON.stringify(d)).not.toContain(site.landlord.phone);
  });

  it("sends only the tabs the viewer may open", () => {
    const d = siteDetailFor(site, only("sites.detail.tabs.overview", "sites.detail.tabs.meters"));
    expect(Object.keys(d.tabs).filter((k) => d.tabs[k as keyof typeof d.tabs] !== undefined)).toEqual([
      "overview",
      "meters",
    ]);
  });
});

/**
 * The demo world's tenants: who works there, their roles (with inheritance), departments and
 * teams, overrides, an expiring grant, templates and a pending approval. Pure data.
 */
export const DEMO_PASSWORD = "gatehouse-demo";

export interface Persona {
  email: string;
  name: string;
  role: string;
  label: string;
}
/** The demo sign-ins printed at start-up and listed in the README (demo only). */
export const PERSONAS = {
  superAdmin: {
    email: "super@gatehouse.test",
    name: "Sam Super",
    role: "platform super-admin",
    label: "Platform super-admin",
  },
  tenantAdmin: { email: "admin@acme.test", name: "Ada Admin", role: "Admin of Acme Energy", label: "Tenant admin" },
  member: {
    email: "member@acme.test",
    name: "Max Member",
    role: "Field Engineer at Acme Energy, Sales Rep at Globex Trading",
    label: "Member (two tenants)",
  },
  viewer: { email: "viewer@acme.test", name: "Vera Viewer", role: "Viewer at Acme Energy", label: "Viewer" },
} as const satisfies Record<string, Persona>;

export interface RoleSeed {
  name: string;
  description: string;
  parents?: string[];
  isDefault?: boolean;
  grants: (
    | string
    | {
        code: string;
        scope: "global" | "organization" | "department" | "team" | "personal";
        conditions?: Record<string, unknown>;
      }
  )[];
}
/** The token of the demo world's expired invitation link (43 base64url characters, like a real one). */
export const EXPIRED_INVITATION_TOKEN = "expired-demo-invitation-link-token-00000000";

export interface UserSeed {
  email: string;
  name: string;
  roles: string[];
  department?: string;
  teams?: string[];
  status?: "disabled";
}
export interface TenantSeed {
  slug: string;
  name: string;
  plan: string;
  departments: { name: string; teams: string[] }[];
  roles: RoleSeed[];
  users: UserSeed[];
  overrides: { email: string; code: string; effect: "allow" | "deny"; notes: string; expiresInDays?: number }[];
  expiringRole?: { email: string; role: string; expiresInDays: number };
  /** An invitation link that expired yesterday: its token is public, and answers 410 (e2e/api-invitations.spec.ts). */
  expiredInvitation?: { email: string; role: string; token: string };
  templates: { name: string; description: string; permissions: Record<string, "allow" | "deny"> }[];
  pendingApproval?: { role: string; code: string; requestedBy: string };
}

const memberGrants = [
  "dashboard.module.root",
  "dashboard.widgets.sites_summary",
  "dashboard.widgets.jobs_overview",
  "sites.module.root",
  "sites.list.view",
  "sites.detail.view",
  "sites.detail.tabs.overview",
  "jobs.module.root",
  "jobs.list.view",
  "jobs.detail.view",
  "products.view",
  "contacts.view",
  "sales.invoices.view",
  "purchasing.orders.view",
  "articles_view",
  "comment_view",
  "comment_create",
  "projects_view",
];
const viewerGrants = [
  "dashboard.module.root",
  "sites.module.root",
  "sites.list.view",
  "jobs.module.root",
  "jobs.list.view",
  "products.view",
  "contacts.view",
  "categories.view",
  "sales.invoices.view",
  "sales.orders.view",
  "sales.customers.view",
  "purchasing.orders.view",
  "inventory.stock.view",
  "reports.sales.view",
  "articles_view",
  "projects_view",
];

const firstNames = [
  "Olivia",
  "Liam",
  "Noah",
  "Emma",
  "Ava",
  "Mia",
  "Lucas",
  "Amelia",
  "Ethan",
  "Harper",
  "Mateo",
  "Isla",
  "Leo",
  "Zoe",
  "Omar",
  "Priya",
  "Kenji",
  "Sofia",
  "Jonas",
  "Chloe",
];
const lastNames = [
  "Nguyen",
  "Okafor",
  "Schmidt",
  "Garcia",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Silva",
  "Tanaka",
  "Dubois",
  "Murphy",
  "Larsen",
  "Patel",
  "Cohen",
  "Novak",
  "Evans",
  "Moreau",
  "Ito",
  "Berg",
  "Walsh",
];

/** About twenty members: the fixed personas first, then generated colleagues. */
function staff(
  domain: string,
  offset: number,
  count: number,
  pick: (i: number) => Omit<UserSeed, "email" | "name">,
): UserSeed[] {
  return Array.from({ length: count }, (_, i) => {
    const first = firstNames[(i + offset) % firstNames.length]!;
    const last = lastNames[(i * 7 + offset) % lastNames.length]!;
    return { email: `${first}.${last}@${domain}`.toLowerCase(), name: `${first} ${last}`, ...pick(i) };
  });
}

const acme: TenantSeed = {
  slug: "acme",
  name: "Acme Energy",
  plan: "enterprise",
  departments: [
    { name: "Operations", teams: ["North Field", "South Field"] },
    { name: "Finance", teams: ["Billing"] },
    { name: "Sales", teams: ["Key Accounts"] },
  ],
  roles: [
    {
      name: "Field Engineer",
      description: "Visits sites, tests meters, logs notes",
      grants: [
        "sites.module.root",
        "sites.list.view",
        "sites.detail.view",
        "sites.detail.tabs.overview",
        "sites.detail.tabs.meters",
        "sites.detail.tabs.readings",
        "sites.detail.tabs.jobs",
        "sites.detail.actions.test_meter",
        "sites.detail.actions.add_note",
        "sites.detail.fields.meter_serial",
        "sites.detail.fields.consumption",
        "sites.detail.fields.notes",
        "jobs.module.root",
        "jobs.list.view",
        "jobs.detail.view",
        { code: "jobs.detail.edit", scope: "team" },
        "dashboard.module.root",
        "dashboard.widgets.sites_summary",
        "dashboard.widgets.jobs_overview",
      ],
    },
    {
      name: "Engineer Lead",
      description: "Leads field engineers: meter changes, job completion",
      parents: ["Field Engineer"],
      grants: [
        "sites.detail.edit",
        "sites.detail.actions.change_meter",
        "sites.detail.actions.create_job",
        "sites.detail.tabs.alerts",
        "sites.detail.tabs.history",
        "sites.list.filter_advanced",
        "jobs.detail.complete",
        "jobs.list.bulk_assign",
        "jobs.board.drag_drop",
        "reports.module.root",
        "reports.rdg.view",
      ],
    },
    {
      name: "Billing Clerk",
      description: "Invoices and account data",
      grants: [
        "sales.invoices",
        "sales.customers.view",
        "sites.module.root",
        "sites.list.view",
        "sites.detail.view",
        "sites.detail.fields.account_number",
        "sites.detail.fields.billing",
        "finance.accounts.view",
        "finance.journal.view",
        { code: "finance.journal.create", scope: "department" },
        "dashboard.module.root",
        "dashboard.widgets.financial",
      ],
    },
    {
      name: "Sales Rep",
      description: "Customers, orders and quotes",
      grants: [
        "sales.customers.view",
        "sales.customers.create",
        "sales.customers.edit",
        "sales.orders.view",
        "sales.orders.create",
        { code: "sales.orders.edit", scope: "personal" },
        "products.view",
        "contacts.view",
        "contacts.create",
      ],
    },
    {
      name: "Sales Manager",
      description: "Runs the sales team",
      parents: ["Sales Rep"],
      grants: [
        "sales.orders",
        "sales.invoices.view",
        "sales.invoices.export",
        "reports.sales.view",
        "reports.sales.export",
        { code: "sales.customers.delete", scope: "organization", conditions: { amount: { $lte: 10000 } } },
      ],
    },
    {
      name: "Support Agent",
      description: "Answers calls about sites",
      grants: [
        "sites.module.root",
        "sites.list.view",
        "sites.detail.view",
        "sites.detail.tabs.overview",
        "sites.detail.tabs.calls",
        "sites.detail.actions.add_note",
        "sites.detail.actions.text_landlord",
        "sites.detail.fields.landlord_contact",
        "comment_view",
        "comment_create",
      ],
    },
  ],
  users: [
    { email: "admin@acme.test", name: "Ada Admin", roles: ["Admin"], department: "Operations" },
    { email: "ops-admin@acme.test", name: "Otto Second-Admin", roles: ["Admin"], department: "Operations" },
    {
      email: "member@acme.test",
      name: "Max Member",
      roles: ["Field Engineer"],
      department: "Operations",
      teams: ["North Field"],
    },
    { email: "viewer@acme.test", name: "Vera Viewer", roles: ["Viewer"], department: "Finance" },
    {
      email: "lead@acme.test",
      name: "Lena Lead",
      roles: ["Engineer Lead"],
      department: "Operations",
      teams: ["North Field"],
    },
    { email: "disabled@acme.test", name: "Dora Disabled", roles: ["Member"], department: "Sales", status: "disabled" },
    ...staff("acme.test", 0, 15, (i) => {
      const plan = [
        { roles: ["Field Engineer"], department: "Operations", teams: [i % 2 ? "South Field" : "North Field"] },
        { roles: ["Billing Clerk"], department: "Finance", teams: ["Billing"] },
        { roles: ["Sales Rep"], department: "Sales", teams: ["Key Accounts"] },
        { roles: ["Support Agent", "Member"], department: "Operations" },
        { roles: ["Member"] },
      ];
      return plan[i % plan.length]!;
    }),
  ],
  overrides: [
    {
      email: "member@acme.test",
      code: "sites.list.export_button",
      effect: "allow",
      notes: "Monthly site export for the regulator",
    },
    {
      email: "member@acme.test",
      code: "sites.detail.fields.consumption",
      effect: "deny",
      notes: "Pending data-protection training",
    },
    {
      email: "viewer@acme.test",
      code: "sales.invoices.view",
      effect: "deny",
      notes: "Auditor: no invoices until NDA is signed",
    },
    {
      email: "lead@acme.test",
      code: "sites.detail.actions.change_sim",
      effect: "allow",
      notes: "Covering for the SIM team",
      expiresInDays: 14,
    },
  ],
  expiringRole: { email: "viewer@acme.test", role: "Support Agent", expiresInDays: 30 },
  expiredInvitation: { email: "late@example.test", role: "Admin", token: EXPIRED_INVITATION_TOKEN },
  templates: [
    {
      name: "Field starter kit",
      description: "What a new field engineer needs on day one",
      permissions: {
        "sites.list.view": "allow",
        "sites.detail.view": "allow",
        "sites.detail.tabs.overview": "allow",
        "sites.detail.tabs.meters": "allow",
        "sites.detail.actions.test_meter": "allow",
        "jobs.list.view": "allow",
        "jobs.detail.view": "allow",
      },
    },
  ],
  pendingApproval: { role: "Engineer Lead", code: "sites.detail.fields.sensitive", requestedBy: "admin@acme.test" },
};

const globex: TenantSeed = {
  slug: "globex",
  name: "Globex Trading",
  plan: "professional",
  departments: [
    { name: "Sales", teams: ["Inside Sales", "Field Sales"] },
    { name: "Warehouse", teams: ["Receiving"] },
    { name: "Finance", teams: [] },
  ],
  roles: [
    {
      name: "Sales Rep",
      description: "Quotes and orders",
      grants: [
        "sales.customers.view",
        "sales.customers.create",
        "sales.orders.view",
        "sales.orders.create",
        { code: "sales.orders.edit", scope: "personal" },
        "products.view",
        "contacts.view",
        "sales.invoices.view",
      ],
    },
    {
      name: "Sales Manager",
      description: "Approves discounts, sees all orders",
      parents: ["Sales Rep"],
      grants: ["sales.orders", "sales.invoices", "sales.customers.delete", "sales.customers.edit"],
    },
    {
      name: "Warehouse Clerk",
      description: "Stock and receiving",
      grants: [
        "inventory.stock",
        "inventory.warehouses.view",
        "purchasing.orders.view",
        "products.view",
        "products.edit",
      ],
    },
    {
      name: "Purchaser",
      description: "Buys from vendors",
      parents: ["Warehouse Clerk"],
      grants: ["purchasing.orders", "purchasing.vendors", "purchasing.invoices.view"],
    },
  ],
  users: [
    { email: "admin@globex.test", name: "Gus Globex-Admin", roles: ["Admin"], department: "Sales" },
    {
      email: "member@acme.test",
      name: "Max Member",
      roles: ["Sales Rep"],
      department: "Sales",
      teams: ["Field Sales"],
    },
    ...staff(
      "globex.test",
      5,
      18,
      (i) =>
        [
          { roles: ["Sales Rep"], department: "Sales", teams: [i % 2 ? "Inside Sales" : "Field Sales"] },
          { roles: ["Warehouse Clerk"], department: "Warehouse", teams: ["Receiving"] },
          { roles: ["Purchaser"], department: "Warehouse" },
          { roles: ["Viewer"], department: "Finance" },
          { roles: ["Member"] },
        ][i % 5]!,
    ),
  ],
  overrides: [
    {
      email: "member@acme.test",
      code: "sales.invoices.export",
      effect: "allow",
      notes: "Quarter-end export",
      expiresInDays: 7,
    },
  ],
  templates: [
    {
      name: "Counter sales",
      description: "Walk-in sales desk",
      permissions: {
        "sales.orders.view": "allow",
        "sales.orders.create": "allow",
        "products.view": "allow",
        "sales.orders.delete": "deny",
      },
    },
  ],
};

const initech: TenantSeed = {
  slug: "initech",
  name: "Initech",
  plan: "basic",
  departments: [
    { name: "Accounts", teams: ["Payables"] },
    { name: "Office", teams: [] },
  ],
  roles: [
    {
      name: "Bookkeeper",
      description: "Invoices and purchase orders",
      grants: [
        "sales.invoices",
        "purchasing.orders.view",
        "purchasing.orders.create",
        "contacts.view",
        "contacts.edit",
      ],
    },
    {
      name: "Office Manager",
      description: "Keeps the lights on",
      parents: ["Bookkeeper"],
      grants: ["products", "contacts", "purchasing.orders"],
    },
  ],
  users: [
    { email: "admin@initech.test", name: "Bill Lumbergh", roles: ["Admin"], department: "Office" },
    ...staff(
      "initech.test",
      11,
      19,
      (i) =>
        [
          { roles: ["Bookkeeper"], department: "Accounts", teams: ["Payables"] },
          { roles: ["Office Manager"], department: "Office" },
          { roles: ["Member"] },
          { roles: ["Viewer"] },
        ][i % 4]!,
    ),
  ],
  overrides: [
    {
      email: "admin@initech.test",
      code: "sales.invoices.delete",
      effect: "deny",
      notes: "Invoices are never deleted here",
    },
  ],
  templates: [],
};

export const tenantSeeds: TenantSeed[] = [acme, globex, initech];

export const defaultRoles: RoleSeed[] = [
  {
    name: "Member",
    description: "Everyday access for everyone in the organization",
    isDefault: true,
    grants: memberGrants,
  },
  { name: "Viewer", description: "Read-only access", grants: viewerGrants },
];

export const globalTemplates = [
  {
    name: "Read-only ERP",
    description: "See every ERP screen, change nothing",
    permissions: Object.fromEntries(viewerGrants.filter((c) => c.includes(".view")).map((c) => [c, "allow" as const])),
  },
];

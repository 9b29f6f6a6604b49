import { baseURL } from "../../playwright.config";

/**
 * The Origin a cookie-authenticated unsafe request must carry (lib/api/route.ts refuses other
 * writes: the CSRF check). A browser adds it; Playwright's request contexts do not, so every
 * write a spec sends through `page.request` spreads or passes this.
 */
export const sameOrigin = { origin: baseURL } as const;

/** The same, for bodies sent as a string (`data: JSON.stringify(...)`, raw `fetch`). */
export const sameOriginJson = { ...sameOrigin, "content-type": "application/json" } as const;

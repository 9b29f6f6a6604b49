import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiProblem } from "./api";

/**
 * One QueryClient shape for the server prefetch and the browser. Data seeded by a server
 * component stays fresh for 30 s, so the client does not refetch what it was just given.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** The browser's single client; on the server a new one per call (use `serverQueryClient` there). */
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

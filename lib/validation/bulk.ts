/** docs/api.md: a bulk body names at most this many items (codes, grants, ids) per request. */
export const MAX_BULK = 500;

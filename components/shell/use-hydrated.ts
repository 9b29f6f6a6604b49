"use client";

import { useEffect, useState } from "react";

/** True once React has hydrated: the shell marks itself (`data-hydrated`) so tests and scripts know it is interactive. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

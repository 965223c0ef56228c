// What a route may declare in its `handle` export about the page around it (pure).
export interface PageHandle {
  /**
   * A page meant for an iframe on another site (a relay's widget): the root renders it without the
   * site's header, footer and scripts.
   */
  bare?: boolean;
  /**
   * Who may frame the page (Content-Security-Policy frame-ancestors), from the route's loader data.
   * Without it, or when the loader failed, nobody may ('none'). See app/security/content-security-policy.ts.
   */
  frameAncestors?: (data: unknown) => readonly string[];
}

/** A route's handle as a PageHandle (routes without one, or with another kind of handle, declare nothing). */
export function pageHandleOf(handle: unknown): PageHandle {
  if (typeof handle !== "object" || handle === null) return {};
  const { bare, frameAncestors } = handle as Record<string, unknown>;
  return {
    bare: bare === true,
    frameAncestors: typeof frameAncestors === "function" ? (frameAncestors as PageHandle["frameAncestors"]) : undefined,
  };
}

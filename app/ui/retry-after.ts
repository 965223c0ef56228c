// A route's `headers` for forms that can be refused by an abuse limit: an action's Retry-After
// (see app/auth/limits.ts) reaches the page's response. Without a `headers` export Remix keeps only
// the cookies of an action's headers.
import type { HeadersFunction } from "@remix-run/node";

export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

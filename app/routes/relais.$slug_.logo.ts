// GET /relais/:slug/logo: a verified relay's logo, as uploaded (PNG or JPEG, checked by its bytes).
// Its address on the pages carries the image's hash (?v=…): that address may be kept for a year.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findRelayLogo } from "~/relay/relays.server";
import { notFound } from "~/ui/not-found.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const logo = (await findRelayLogo(params.slug ?? "")) ?? notFound("Ce réseau n'a pas de logo.");
  const versioned = new URL(request.url).searchParams.get("v") === logo.sha256.slice(0, 12);
  return new Response(logo.bytes, {
    headers: {
      "Content-Type": logo.contentType,
      "Content-Length": String(logo.bytes.byteLength),
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, no-cache",
      ETag: `"${logo.sha256.slice(0, 32)}"`,
      "Last-Modified": logo.updatedAt.toUTCString(),
    },
  });
}

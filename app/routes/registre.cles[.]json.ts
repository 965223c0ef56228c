// GET /registre/cles.json: every public key that ever signed the ledger's checkpoints and exports,
// with the moment it was retired (a stable address: verifiers fetch it, and exports name it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicJson } from "~/ledger/http.server";
import { keysDocument } from "~/ledger/public.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Keys change only at a rotation: a few minutes of caching, then a cheap revalidation.
  return publicJson(request, await keysDocument(), { maxAgeSeconds: 300 });
}

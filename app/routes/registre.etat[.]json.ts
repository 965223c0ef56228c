// GET /registre/etat.json: the public keys and every signed checkpoint of the ledger, oldest first,
// for the offline verifier (`node scripts/verify-export.mjs export.json --etat etat.json`).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicJson } from "~/ledger/http.server";
import { stateDocument } from "~/ledger/public.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return publicJson(request, await stateDocument(), { maxAgeSeconds: 60, etagIgnores: ["generatedAt"] });
}

// GET /registre/coherence.json?de=<records>&a=<records>: the RFC 9162 consistency proof that the
// signed checkpoint of `a` records extends the one of `de` records, for the offline verifier
// (`node scripts/verify-export.mjs dossier.json --etat etat.json --coherence coherence.json`).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { consistencyBetween } from "~/ledger/consistency.server";
import { publicJson, publicJsonError } from "~/ledger/http.server";

const size = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .refine((value) => value <= 2 ** 31);
const query = z.object({ de: size, a: size }).refine(({ de, a }) => de <= a);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ de: params.get("de") ?? undefined, a: params.get("a") ?? undefined });
  if (!parsed.success)
    return publicJsonError(
      400,
      "Indiquez deux nombres d'inscriptions de points de contrôle signés, le plus petit d'abord : /registre/coherence.json?de=<nombre>&a=<nombre>.",
    );
  const answer = await consistencyBetween(parsed.data.de, parsed.data.a, { ip: context.clientIp });
  if (!answer.ok)
    return publicJsonError(answer.status, answer.error, {
      retryAfterSeconds: answer.status === 429 ? answer.retryAfterSeconds : undefined,
    });
  // Two signed checkpoints never change, nor does the proof between them.
  return publicJson(request, answer.document, { maxAgeSeconds: 86_400, immutable: true });
}

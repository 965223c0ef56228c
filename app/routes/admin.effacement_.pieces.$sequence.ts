// /admin/effacement/pieces/:sequence — the attachment of a manual entry (ledger record number), for
// a platform admin preparing an erasure on request: a file's content cannot be scanned for a person,
// so the admin opens it before deciding whether it is deleted (decision 0027). Platform admins only;
// each opening is logged (who, which record), since the file belongs to a buyer's record.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePlatformAdmin } from "~/auth/session.server";
import { attachmentResponse } from "~/record/attachment-response.server";
import { manualEntryAttachment } from "~/record/manual.server";

const NOT_FOUND = "Cette pièce jointe n'existe pas.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePlatformAdmin(request);
  const sequence = Number(params.sequence);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Response(NOT_FOUND, { status: 404 });
  const found = await manualEntryAttachment(sequence);
  if (!found) throw new Response(NOT_FOUND, { status: 404 });
  console.log(`[auth] platform admin ${user.id} opened the attachment of ledger record ${sequence} for an erasure`);
  return attachmentResponse(found, { href: "/admin/effacement", label: "Revenir à la page d'effacement" });
}

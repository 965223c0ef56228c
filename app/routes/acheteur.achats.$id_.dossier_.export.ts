// POST /acheteur/achats/:id/dossier/export — the record of a procurement as a file (format=pdf, csv
// or json), for buyer members of the owning organisation (404 otherwise). The export is written on the
// ledger before the file is made, and the file covers the record up to that entry (decision 0024).
// Reading changes nothing (decision 0017): a GET only answers 405, once the caller is known.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireBuyerRecord } from "~/plan/access.server";
import { exportRecord, type RecordExportFormat } from "~/record/export/export.server";
import { loadRecordScope } from "~/record/record.server";

const NOT_FOUND = "Cet achat n'existe pas, ou n'appartient pas à votre organisation.";

const FORMATS: [RecordExportFormat, ...RecordExportFormat[]] = ["pdf", "csv", "json"];
const exportForm = z.object({ format: z.enum(FORMATS) });

function load(request: Request, id: string) {
  return requireBuyerRecord(request, (organizationId) => loadRecordScope(organizationId, id), NOT_FOUND);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await load(request, params.id ?? "");
  throw new Response("Un export se demande avec le formulaire « Exporter le dossier » de la page du dossier.", {
    status: 405,
    headers: { Allow: "POST" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, record: scope } = await load(request, params.id ?? "");
  const parsed = exportForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return new Response(
      "Format d'export inconnu : choisissez le PDF, le CSV ou le JSON signé sur la page du dossier.",
      {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  const file = await exportRecord(
    {
      userId: buyer.user.id,
      name: buyer.user.name,
      organizationId: buyer.organization.id,
      organizationName: buyer.organization.name,
    },
    scope,
    parsed.data.format,
  );
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

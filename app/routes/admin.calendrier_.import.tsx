// /admin/calendrier/import: a platform administrator adds a school year from the ministry's file.
// Step 1, upload (multipart): the file is parsed (app/calendar/school-year-import.ts) and nothing
// is saved; the page shows a preview of what would be added or changed, with the parsed rows in a
// hidden field. Step 2, "Enregistrer": the rows are validated again and saved in one transaction.
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/session.server";
import { PREVIEW_STATUS_LABELS } from "~/calendar/admin-labels";
import { addDays, formatShortDateFr } from "~/calendar/dates";
import { MAX_SCHOOL_FILE_BYTES, parseSchoolCalendarFile, type SchoolFileFormat } from "~/calendar/school-year-import";
import {
  importSource,
  parseImportedRowsField,
  previewSchoolYearImport,
  saveSchoolYearImport,
  type ImportPreview,
} from "~/calendar/school-year-import.server";
import { schoolZoneLabel } from "~/territory/departements";
import { PlainField } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Importer une année scolaire — Administration Amont" }];

const FORMATS: readonly SchoolFileFormat[] = ["ics", "json", "csv"];
const MAX_KB = Math.floor(MAX_SCHOOL_FILE_BYTES / 1000);

type ActionData =
  | { step: "upload"; error: string }
  | {
      step: "preview";
      fileName: string;
      format: SchoolFileFormat;
      warnings: string[];
      preview: ImportPreview;
      rowsJson: string;
    };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  return null;
}

/** UTF-8 (the ministry's exports), or Windows-1252 for a file re-saved by a spreadsheet. */
function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

async function uploadStep(request: Request) {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_SCHOOL_FILE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data<ActionData>(
        {
          step: "upload",
          error: `Le fichier est trop volumineux (${MAX_KB} Ko au plus). Sur data.education.gouv.fr, filtrez une ou deux années scolaires avant d'exporter.`,
        },
        { status: 400 },
      );
    }
    throw error;
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) {
    return data<ActionData>(
      { step: "upload", error: "Choisissez le fichier du calendrier scolaire à importer (ICS, JSON ou CSV)." },
      { status: 400 },
    );
  }
  const fileName = file.name.slice(0, 200);
  const parsed = parseSchoolCalendarFile(fileName, decode(await file.arrayBuffer()));
  if (!parsed.ok) return data<ActionData>({ step: "upload", error: parsed.message }, { status: 400 });
  const preview = await previewSchoolYearImport(parsed.rows);
  return data<ActionData>({
    step: "preview",
    fileName,
    format: parsed.format,
    warnings: parsed.warnings,
    preview,
    rowsJson: JSON.stringify(parsed.rows),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePlatformAdmin(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return uploadStep(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "save") throw new Response("Action inconnue", { status: 400 });
  const rows = parseImportedRowsField(formData.get("rows"));
  const format = String(formData.get("format") ?? "");
  if (!rows || !FORMATS.includes(format as SchoolFileFormat)) {
    return data<ActionData>(
      {
        step: "upload",
        error:
          "Les données de l'aperçu sont illisibles ou ont été modifiées : rien n'a été enregistré. Importez le fichier à nouveau.",
      },
      { status: 400 },
    );
  }
  const counts = await saveSchoolYearImport(
    rows,
    importSource(format as SchoolFileFormat, String(formData.get("fileName") ?? "")),
  );
  const parts = [
    counts.created
      ? `${counts.created} période${counts.created > 1 ? "s" : ""} ajoutée${counts.created > 1 ? "s" : ""}`
      : null,
    counts.updated ? `${counts.updated} mise${counts.updated > 1 ? "s" : ""} à jour` : null,
    counts.unchanged ? `${counts.unchanged} déjà à jour` : null,
  ].filter(Boolean);
  return redirectWithToast("/admin/calendrier#vacances", {
    title: "Calendrier scolaire enregistré.",
    description: `${parts.join(", ")}.`,
  });
}

function holidayRange(firstDayOff: string, classesResume: string) {
  return `du ${formatShortDateFr(firstDayOff)} au ${formatShortDateFr(addDays(classesResume, -1))}`;
}

export default function SchoolYearImport() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const uploadError = actionData?.step === "upload" ? actionData.error : null;
  return (
    <>
      <p>
        <Link to="/admin/calendrier">← Retour au calendrier</Link>
      </p>
      <h1>Importer une année scolaire</h1>
      {actionData?.step === "preview" ? (
        <Preview {...actionData} busy={busy} />
      ) : (
        <>
          <p className="lead">
            Ajoutez une nouvelle année scolaire, ou confirmez des dates annoncées, à partir des fichiers officiels du
            ministère de l'Éducation nationale.
          </p>
          <ul>
            <li>
              le fichier <strong>ICS</strong> d'une zone (« Zone-A.ics », « Corse.ics »…) proposé sur education.gouv.fr
              ;
            </li>
            <li>
              ou l'export <strong>JSON</strong> ou <strong>CSV</strong> du jeu de données « Calendrier scolaire » de
              data.education.gouv.fr (toutes zones ; filtrez l'année scolaire avant d'exporter).
            </li>
          </ul>
          <p>Rien n'est enregistré à cette étape : vous verrez d'abord ce qui sera ajouté ou modifié.</p>
          <Form method="post" encType="multipart/form-data" className="form">
            <PlainField
              id="file"
              label="Fichier du calendrier scolaire"
              hint={`ICS, JSON ou CSV, ${MAX_KB} Ko au plus.`}
              error={uploadError}
            >
              {(control) => (
                <input
                  {...control}
                  name="file"
                  type="file"
                  accept=".ics,.json,.csv,text/calendar,application/json,text/csv"
                  required
                />
              )}
            </PlainField>
            <button type="submit" disabled={busy}>
              Voir l'aperçu
            </button>
          </Form>
        </>
      )}
    </>
  );
}

function Preview({
  fileName,
  format,
  warnings,
  preview,
  rowsJson,
  busy,
}: Extract<ActionData, { step: "preview" }> & { busy: boolean }) {
  const { counts } = preview;
  const toWrite = counts.new + counts.changed + counts.confirmed;
  return (
    <>
      <h2>Aperçu de « {fileName} »</h2>
      <p>
        {preview.rows.length} période{preview.rows.length > 1 ? "s" : ""} lue{preview.rows.length > 1 ? "s" : ""} :{" "}
        {counts.new} nouvelle
        {counts.new > 1 ? "s" : ""}, {counts.changed} aux dates modifiées, {counts.confirmed} confirmée
        {counts.confirmed > 1 ? "s" : ""}, {counts.unchanged} déjà à jour.
      </p>
      {warnings.length > 0 ? (
        <div className="notice">
          <p>À savoir :</p>
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <table>
        <caption>Périodes lues dans le fichier</caption>
        <thead>
          <tr>
            <th scope="col">Année scolaire</th>
            <th scope="col">Zone</th>
            <th scope="col">Période</th>
            <th scope="col">Dates (reprise des cours le lendemain)</th>
            <th scope="col">Effet</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => {
            const status = PREVIEW_STATUS_LABELS[row.status];
            return (
              <tr key={`${row.zone}|${row.schoolYear}|${row.period}`}>
                <td>{row.schoolYear}</td>
                <td>{schoolZoneLabel(row.zone)}</td>
                <td>{row.period}</td>
                <td>
                  {holidayRange(row.firstDayOff, row.classesResume)}
                  {row.status === "changed" && row.previous ? (
                    <p className="muted">
                      Avant : {holidayRange(row.previous.firstDayOff, row.previous.classesResume)}
                    </p>
                  ) : null}
                </td>
                <td>
                  <span className={`badge ${status.badge}`}>{status.label}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        {toWrite > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="rows" value={rowsJson} />
            <input type="hidden" name="format" value={format} />
            <input type="hidden" name="fileName" value={fileName} />
            <button type="submit" disabled={busy}>
              Enregistrer
            </button>
          </Form>
        ) : (
          <p>Le calendrier est déjà à jour : il n'y a rien à enregistrer.</p>
        )}
        <Link to="/admin/calendrier/import" reloadDocument className="button button--secondary">
          Choisir un autre fichier
        </Link>
      </div>
    </>
  );
}

// /admin/calendrier: the holiday calendar's reference data, for platform administrators. School
// years per zone (imported at /admin/calendrier/import), quiet periods, procedure minimums.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/session.server";
import {
  MAX_QUIET_PERIOD_DAYS,
  monthDayToFrench,
  procedureMinimumsSchema,
  quietPeriodSchema,
} from "~/calendar/admin-schemas";
import {
  deleteQuietPeriod,
  listQuietPeriods,
  saveProcedureMinimums,
  saveQuietPeriod,
  schoolYearsOverview,
} from "~/calendar/admin.server";
import { confidenceOf } from "~/calendar/admin-labels";
import { loadProcedureRules } from "~/calendar/calendar.server";
import { addDays, formatDateFr, formatShortDateFr } from "~/calendar/dates";
import { SCHOOL_ZONES, schoolZoneLabel, type SchoolZone } from "~/territory/departements";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Calendrier — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const [overview, quietPeriods, procedureRules] = await Promise.all([
    schoolYearsOverview(),
    listQuietPeriods(),
    loadProcedureRules(),
  ]);
  return {
    overview,
    quietPeriods: quietPeriods.map((period) => ({
      id: period.id,
      label: period.label,
      start: monthDayToFrench(period.startMonthDay),
      end: monthDayToFrench(period.endMonthDay),
    })),
    procedureRules,
  };
}

type ActionData = { formId: string; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  await requirePlatformAdmin(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "quiet-period") {
    const submission = parseWithZod(formData, { schema: quietPeriodSchema });
    const formId = submission.payload.id ? `quiet-${String(submission.payload.id)}` : "quiet-new";
    if (submission.status !== "success")
      return data<ActionData>({ formId, result: submission.reply() }, { status: 400 });
    const outcome = await saveQuietPeriod(submission.value);
    if (outcome === "missing")
      return data<ActionData>(
        {
          formId,
          result: submission.reply({
            formErrors: ["Cette période n'existe plus : elle a peut-être été supprimée entre-temps."],
          }),
        },
        { status: 404 },
      );
    return redirectWithToast("/admin/calendrier#treves", {
      title:
        outcome === "created"
          ? `Période « ${submission.value.label} » ajoutée.`
          : `Période « ${submission.value.label} » enregistrée.`,
    });
  }
  if (intent === "delete-quiet-period") {
    const deleted = await deleteQuietPeriod(String(formData.get("id") ?? ""));
    return redirectWithToast(
      "/admin/calendrier#treves",
      deleted ? { title: "Période supprimée." } : { kind: "error", title: "Cette période n'existait déjà plus." },
    );
  }
  if (intent === "procedures") {
    const submission = parseWithZod(formData, { schema: procedureMinimumsSchema });
    if (submission.status !== "success")
      return data<ActionData>({ formId: "procedures", result: submission.reply() }, { status: 400 });
    await saveProcedureMinimums(submission.value);
    return redirectWithToast("/admin/calendrier#delais", { title: "Délais minimaux enregistrés." });
  }
  throw new Response("Action inconnue", { status: 400 });
}

/** "du 19/12/2026 au 03/01/2027" from a half-open school holiday. */
function holidayRange(firstDayOff: string, classesResume: string) {
  return `du ${formatShortDateFr(firstDayOff)} au ${formatShortDateFr(addDays(classesResume, -1))}`;
}

function zoneLabel(zone: string) {
  return schoolZoneLabel(zone as SchoolZone);
}

export default function CalendarAdmin() {
  const { overview, quietPeriods, procedureRules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined);
  return (
    <>
      <h1>Calendrier des dates à éviter</h1>
      <p className="lead">
        Amont déconseille de publier une consultation, de fixer une date limite de réponse ou d'organiser un événement
        pendant les vacances scolaires, les jours fériés et les périodes de trêve. Les données ci-dessous valent pour
        toute la plateforme ; chaque acheteur y ajoute ses propres périodes.
      </p>

      <section aria-labelledby="vacances">
        <h2 id="vacances">Vacances scolaires</h2>
        <p>
          Chaque acheteur suit les vacances de la zone de son département. Les jours fériés (dont le Vendredi saint et
          le 26 décembre en Alsace-Moselle) sont calculés automatiquement.
        </p>
        <p className="actions">
          <Link className="button" to="/admin/calendrier/import">
            Importer une année scolaire
          </Link>
          <span className="muted">Fichier ICS du ministère ou export JSON/CSV de data.education.gouv.fr.</span>
        </p>
        {(() => {
          const missing = SCHOOL_ZONES.filter((zone) => !overview.zones.includes(zone));
          return missing.length > 0 ? (
            <p className="notice">
              Aucune donnée pour : {missing.map(zoneLabel).join(", ")}. Tant que leur calendrier n'est pas importé, les
              acheteurs de ces territoires n'ont que les jours fériés et les périodes de trêve.
            </p>
          ) : null;
        })()}
        {overview.endingSoon.map((coverage) => (
          <p className="notice notice--warning" key={coverage.zone}>
            <strong>{zoneLabel(coverage.zone)}</strong> : vacances scolaires connues jusqu'au{" "}
            {formatDateFr(coverage.knownUntil)} seulement. Au-delà, les dates ne sont vérifiées qu'avec les jours fériés
            et les périodes de trêve : importez l'année scolaire suivante dès que le ministère la publie.
          </p>
        ))}
        {overview.years.length === 0 ? (
          <p className="notice">Aucune année scolaire n'est enregistrée : importez le calendrier du ministère.</p>
        ) : (
          <>
            <table>
              <caption>Années scolaires connues, par zone</caption>
              <thead>
                <tr>
                  <th scope="col">Année scolaire</th>
                  {overview.zones.map((zone) => (
                    <th scope="col" key={zone}>
                      {zoneLabel(zone)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.years.map((year) => (
                  <tr key={year.schoolYear}>
                    <th scope="row">{year.schoolYear}</th>
                    {overview.zones.map((zone) => {
                      const cell = year.cells[zone];
                      if (!cell) return <td key={zone}>Aucune donnée</td>;
                      const doubtful = cell.periods.filter((period) => period.confidence !== "confirmed").length;
                      return (
                        <td key={zone}>
                          {cell.periods.length} période{cell.periods.length > 1 ? "s" : ""}{" "}
                          {doubtful === 0 ? (
                            <span className="badge badge--success">toutes confirmées</span>
                          ) : (
                            <span className="badge badge--muted">{doubtful} à confirmer</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {overview.years.map((year) => (
              <details key={year.schoolYear}>
                <summary>Détail de l'année {year.schoolYear}</summary>
                {overview.zones
                  .filter((zone) => year.cells[zone])
                  .map((zone) => (
                    <table key={zone}>
                      <caption>
                        {year.schoolYear}, {zoneLabel(zone)}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Période</th>
                          <th scope="col">Dates (reprise des cours le lendemain)</th>
                          <th scope="col">Fiabilité</th>
                          <th scope="col">Source</th>
                        </tr>
                      </thead>
                      <tbody>
                        {year.cells[zone]!.periods.map((period) => {
                          const confidence = confidenceOf(period.confidence);
                          return (
                            <tr key={period.period}>
                              <td>{period.period}</td>
                              <td>{holidayRange(period.firstDayOff, period.classesResume)}</td>
                              <td>
                                <span className={`badge ${confidence.badge}`}>{confidence.label}</span>
                              </td>
                              <td>
                                {period.source === "reference-csv"
                                  ? "Données de référence"
                                  : period.source.replace(/^import-(\w+):/, "Import $1 : ")}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  ))}
              </details>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="treves">
        <h2 id="treves">Périodes de trêve</h2>
        <p>
          Chaque année, aux mêmes dates, aucun lancement n'est conseillé (par exemple entre Noël et le Nouvel An). Dates
          au format jour/mois ; si le dernier jour est avant le premier, la période passe le 31 décembre. Une période
          dure au plus {MAX_QUIET_PERIOD_DAYS} jours.
        </p>
        {quietPeriods.length === 0 ? <p className="muted">Aucune période de trêve.</p> : null}
        <ul className="cards">
          {quietPeriods.map((period) => (
            <li key={period.id} className="card">
              <QuietPeriodForm
                formId={`quiet-${period.id}`}
                lastResult={resultFor(`quiet-${period.id}`)}
                defaultValue={period}
                submitLabel="Enregistrer"
              />
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="delete-quiet-period" />
                <input type="hidden" name="id" value={period.id} />
                <button type="submit" className="button--secondary">
                  Supprimer « {period.label} »
                </button>
              </Form>
            </li>
          ))}
          <li className="card">
            <h3>Ajouter une période</h3>
            <QuietPeriodForm formId="quiet-new" lastResult={resultFor("quiet-new")} submitLabel="Ajouter la période" />
          </li>
        </ul>
      </section>

      <section aria-labelledby="delais">
        <h2 id="delais">Délais minimaux de réponse</h2>
        <ProcedureMinimumsForm rules={procedureRules} lastResult={resultFor("procedures")} />
      </section>
    </>
  );
}

function QuietPeriodForm({
  formId,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  formId: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: { id: string; label: string; start: string; end: string };
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(quietPeriodSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quietPeriodSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="quiet-period" />
      {defaultValue ? <input type="hidden" name={fields.id.name} value={defaultValue.id} /> : null}
      <FormError id={form.errorId} errors={form.errors} />
      <TextField field={fields.label} label="Nom de la période" />
      <TextField field={fields.start} label="Premier jour (jour/mois)" hint="Par exemple 20/12" inputMode="numeric" />
      <TextField field={fields.end} label="Dernier jour (jour/mois)" hint="Par exemple 03/01" inputMode="numeric" />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

function ProcedureMinimumsForm({
  rules,
  lastResult,
}: {
  rules: { procedure: string; label: string; minimumOpenDays: number }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm({
    id: "procedures",
    lastResult,
    defaultValue: Object.fromEntries(rules.map((rule) => [rule.procedure, String(rule.minimumOpenDays)])),
    constraint: getZodConstraint(procedureMinimumsSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: procedureMinimumsSchema }),
  });
  const fieldMap = fields as unknown as Record<string, Parameters<typeof TextField>[0]["field"] | undefined>;
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <p>
        Nombre minimal de jours ouvrés entre la publication et la date limite de réponse, selon la procédure prévue. Un
        jour ouvré est un jour du lundi au vendredi qui n'est ni férié, ni pendant les vacances scolaires de la zone, ni
        dans une période de trêve ou une période bloquée par l'acheteur. Ce sont des recommandations d'Amont pour
        laisser aux petites entreprises le temps de répondre, au-delà des délais légaux.
      </p>
      <input type="hidden" name="intent" value="procedures" />
      <FormError id={form.errorId} errors={form.errors} />
      {rules.map((rule) => {
        const field = fieldMap[rule.procedure];
        return field ? (
          <TextField
            key={rule.procedure}
            field={field}
            label={rule.label}
            type="number"
            inputMode="numeric"
            hint="En jours ouvrés"
          />
        ) : null;
      })}
      <button type="submit">Enregistrer les délais</button>
    </Form>
  );
}

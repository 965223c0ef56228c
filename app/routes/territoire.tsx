import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { addDays, daysBetween, isIsoDate, todayInParis, weekStart } from "~/calendar/dates";
import { requireBuyerOrRelayMember } from "~/plan/access.server";
import { densityThreshold, launchesPerWeek } from "~/plan/density.server";
import { periodFr } from "~/plan/date-rules";
import { nextSemester, semesterBounds, semesterOf } from "~/plan/vocabulary";
import { DEPARTEMENTS_SORTED, departementLabel, isDepartementCode } from "~/territory/departements";
import { REGIONS, findRegion } from "~/territory/regions";
import { PlainField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Lancements prévus sur le territoire — Amont" }];

const querySchema = z.object({
  territoire: z
    .string()
    .regex(/^(d-[0-9AB]{2,3}|r-\d{2}|relais)$/)
    .optional()
    .catch(undefined),
  debut: z
    .string()
    .refine((value) => isIsoDate(value))
    .optional()
    .catch(undefined),
});

/**
 * The weeks shown: from the week of `from` to the end of the two semesters that follow the
 * current one (the rest of the current semester, then two full semesters), so that in November a
 * buyer sees all of next year.
 */
function weeksFrom(from: string): number {
  const last = semesterBounds(nextSemester(nextSemester(semesterOf(from)))).to;
  return Math.floor(daysBetween(weekStart(from), last) / 7) + 1;
}

function weekLabel(monday: string, sunday: string): string {
  const format = (iso: string, withYear: boolean) =>
    new Intl.DateTimeFormat("fr-FR", {
      day: "numeric",
      month: "short",
      ...(withYear ? { year: "numeric" } : {}),
      timeZone: "UTC",
    }).format(new Date(`${iso}T12:00:00Z`));
  return `du ${format(monday, false)} au ${format(sunday, true)}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerOrRelayMember(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const relayTerritory = organization.kind === "relay" ? organization.territory.map((row) => row.departement) : [];
  const fallback = relayTerritory.length > 0 ? "relais" : `d-${organization.departement}`;
  let choice = query.territoire ?? fallback;
  let departements: string[];
  let territoryLabel: string;
  if (choice === "relais" && relayTerritory.length > 0) {
    departements = relayTerritory;
    territoryLabel = `votre territoire (${relayTerritory.map(departementLabel).join(", ")})`;
  } else if (choice.startsWith("r-") && findRegion(choice.slice(2))) {
    const region = findRegion(choice.slice(2))!;
    departements = [...region.departements];
    territoryLabel = `la région ${region.name}`;
  } else if (choice.startsWith("d-") && isDepartementCode(choice.slice(2))) {
    departements = [choice.slice(2)];
    territoryLabel = `le département ${departementLabel(choice.slice(2))}`;
  } else {
    choice = `d-${organization.departement}`;
    departements = [organization.departement];
    territoryLabel = `le département ${departementLabel(organization.departement)}`;
  }
  const today = todayInParis();
  const from = weekStart(query.debut ?? today);
  const weeks = weeksFrom(from);
  const [rows, threshold] = await Promise.all([launchesPerWeek({ departements }, from, weeks), densityThreshold()]);
  const max = Math.max(threshold, ...rows.map((row) => row.launches));
  return {
    choice,
    territoryLabel,
    isRelay: organization.kind === "relay",
    hasRelayTerritory: relayTerritory.length > 0,
    threshold,
    max,
    from,
    previous: addDays(from, -26 * 7),
    next: addDays(from, 26 * 7),
    isCurrent: from === weekStart(today),
    rows: rows.map((row) => ({ ...row, label: weekLabel(row.weekStart, row.weekEnd) })),
  };
}

const DEPARTEMENT_OPTIONS = DEPARTEMENTS_SORTED.map((departement) => ({
  value: `d-${departement.code}`,
  label: `${departement.code} — ${departement.name}`,
}));
const REGION_OPTIONS = [...REGIONS]
  .sort((a, b) => a.name.localeCompare(b.name, "fr"))
  .map((region) => ({ value: `r-${region.code}`, label: region.name }));

export default function TerritoryDensity() {
  const { choice, territoryLabel, hasRelayTerritory, threshold, max, from, previous, next, isCurrent, rows } =
    useLoaderData<typeof loader>();
  const busyWeeks = rows.filter((row) => row.launches >= threshold).length;
  const total = rows.reduce((sum, row) => sum + row.launches, 0);
  const link = (debut: string) => `/territoire?${new URLSearchParams({ territoire: choice, debut })}`;
  return (
    <>
      <h1>Lancements prévus sur le territoire</h1>
      <p className="lead">
        Combien de consultations les acheteurs prévoient de publier chaque semaine. Pour que les entreprises, surtout
        les plus petites, puissent répondre à tout, étalez vos lancements : évitez les semaines chargées et les périodes
        bloquées.
      </p>
      <Form method="get" className="form actions">
        <PlainField id="territoire" label="Territoire">
          {(control) => (
            <select {...control} name="territoire" defaultValue={choice}>
              {hasRelayTerritory ? <option value="relais">Votre territoire</option> : null}
              <optgroup label="Régions">
                {REGION_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Départements">
                {DEPARTEMENT_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </PlainField>
        {isCurrent ? null : <input type="hidden" name="debut" value={from} />}
        <button type="submit" className="button--secondary">
          Afficher
        </button>
      </Form>
      <p>
        Pour {territoryLabel} : {total} lancement{total > 1 ? "s" : ""} prévu{total > 1 ? "s" : ""} sur ces{" "}
        {rows.length} semaines, par l'ensemble des acheteurs (brouillons et achats retirés exclus).{" "}
        {busyWeeks > 0 ? `${busyWeeks} semaine${busyWeeks > 1 ? "s" : ""} en comptent ${threshold} ou plus.` : ""}
      </p>
      <p className="actions">
        <Link to={link(previous)}>← 26 semaines plus tôt</Link>
        {isCurrent ? null : (
          <Link to={`/territoire?${new URLSearchParams({ territoire: choice })}`}>Revenir à cette semaine</Link>
        )}
        <Link to={link(next)}>26 semaines plus tard →</Link>
      </p>
      <table>
        <caption>
          Lancements prévus par semaine, pour {territoryLabel}. Les semaines bloquées sont grisées et leurs périodes
          nommées.
        </caption>
        <thead>
          <tr>
            <th scope="col">Semaine</th>
            <th scope="col">Lancements prévus</th>
            <th scope="col">Répartition</th>
            <th scope="col">Périodes bloquées</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const busy = row.launches >= threshold;
            const shade =
              row.blockedWeekdays === 5
                ? "var(--color-error-surface)"
                : row.blockedWeekdays > 0
                  ? "var(--color-surface)"
                  : undefined;
            return (
              <tr key={row.weekStart} style={shade ? { background: shade } : undefined}>
                <th scope="row" style={{ fontWeight: 400, background: "transparent" }}>
                  {row.label}
                </th>
                <td>
                  {row.launches}
                  {busy ? (
                    <>
                      {" "}
                      <span className="badge badge--error">semaine chargée</span>
                    </>
                  ) : null}
                </td>
                <td style={{ width: "30%" }}>
                  <div
                    aria-hidden="true"
                    style={{
                      width: `${max > 0 ? Math.round((row.launches / max) * 100) : 0}%`,
                      minWidth: row.launches > 0 ? "0.25rem" : 0,
                      height: "1rem",
                      background: busy ? "var(--color-error)" : "var(--color-primary)",
                      borderRadius: "2px",
                    }}
                  />
                </td>
                <td>
                  {row.blocks.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {row.blockedWeekdays === 5 ? <strong>Semaine entièrement bloquée. </strong> : null}
                      <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                        {row.blocks.map((block) => (
                          <li key={`${block.kind}-${block.label}-${block.from}-${block.calendar ?? ""}`}>
                            {block.label}
                            {block.calendar ? ` (${block.calendar})` : ""}, {periodFr(block)}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

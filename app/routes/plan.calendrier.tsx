// /plan/calendrier: the plan month by month, on the same filters as /plan. The server renders the
// month's list (usable without JavaScript); after hydration, FullCalendar's month and list views
// are added on top as an enhancement, fed by this loader's events. With a département or a région
// chosen, the periods to avoid there (school holidays of its zones, public holidays, quiet periods)
// are listed under the month and shaded on the calendar.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { Suspense, lazy } from "react";
import { useHydrated } from "~/ui/use-hydrated";
import { z } from "zod";
import { addDays, daysInMonth, todayInParis } from "~/calendar/dates";
import { chosenTerritory, periodsInSight } from "~/calendar/territory.server";
import { publicOrigin } from "~/plan/feeds/http.server";
import { CALENDAR_MONTH_PARAMETER, describeSelection, parsePlanFilters, planSearch } from "~/plan/filters";
import {
  formOptions,
  getFilterOptions,
  listAllPlanItems,
  nextPublicationDate,
  planVersion,
  resolveSelection,
} from "~/plan/public.server";
import { CATEGORIES, labelOf } from "~/plan/vocabulary";
import { BlockedPeriodsList } from "~/ui/periods";
import { DateText, FeedLinks, Notices, PlanBadges, PlanFiltersForm, formatMonth } from "~/ui/plan";
import type { PlanCalendarEvent } from "~/ui/plan-calendar.client";

const PlanCalendar = lazy(() => import("~/ui/plan-calendar.client"));

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Calendrier des achats prévus, ${formatMonth(data.month)} — Amont`
      : "Calendrier des achats prévus — Amont",
  },
];

const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "le mois s'écrit comme 2027-03" })
  .refine((value) => Number(value.slice(0, 4)) >= 2000 && Number(value.slice(0, 4)) <= 2100, {
    message: "année hors de la période couverte",
  });

function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parsePlanFilters(url.searchParams);
  const version = await planVersion();
  const selection = await resolveSelection(parsed.filters);
  const notices = [...parsed.notices, ...selection.notices];
  const buyerId = selection.buyer?.id ?? null;

  let month: string | null = null;
  const rawMonth = url.searchParams.get(CALENDAR_MONTH_PARAMETER);
  if (rawMonth && rawMonth.trim()) {
    const result = monthSchema.safeParse(rawMonth);
    if (result.success) month = result.data;
    else
      notices.push(
        `Mois « ${rawMonth.slice(0, 20)} » ignoré : ${result.error.issues[0]?.message ?? "valeur non reconnue"}.`,
      );
  }
  if (!month) {
    // By default, the month of the next expected publication (or the current month).
    const today = todayInParis();
    month = ((await nextPublicationDate(selection.filters, buyerId, today)) ?? today).slice(0, 7);
  }
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, "0")}`;
  // The month grid also shows the end of the previous month and the start of the next one.
  const territory = chosenTerritory(selection.filters);
  const [items, options, periods] = await Promise.all([
    listAllPlanItems(selection.filters, buyerId, { from: addDays(first, -7), to: addDays(last, 14) }),
    getFilterOptions(version),
    territory ? periodsInSight(territory, addDays(first, -7), addDays(last, 14)) : null,
  ]);
  const monthItems = items
    .filter((item) => item.expectedPublicationDate >= first && item.expectedPublicationDate <= last)
    .map((item) => ({
      plannedProcurementId: item.plannedProcurementId,
      title: item.title,
      category: item.category,
      expectedPublicationDate: item.expectedPublicationDate,
      reserved: item.reserved,
      hasSocialConsideration: item.socialConsideration !== null,
      hasEnvironmentalConsideration: item.environmentalConsideration !== null,
      hasJustification: item.publicationJustification !== null,
      buyer: { slug: item.buyer.slug, name: item.buyer.name },
    }));
  const events: PlanCalendarEvent[] = items.map((item) => ({
    id: item.plannedProcurementId,
    title: `${item.title} (${item.buyer.name})`,
    start: item.expectedPublicationDate,
    url: `/plan/${item.plannedProcurementId}`,
    classNames: item.reserved !== "none" ? ["plan-event--reserved"] : [],
  }));
  return {
    filters: selection.filters,
    buyerName: selection.buyer?.name ?? null,
    notices,
    month,
    monthItems,
    events,
    options: formOptions(options, selection.filters),
    origin: publicOrigin(request),
    periods: periods && {
      territory: periods.territory,
      /** Those that touch the month, for the list; all of them shade the calendar's grid. */
      inMonth: periods.periods.filter((period) => period.to >= first && period.from <= last),
      background: periods.periods.map((period) => ({
        title: period.calendar ? `${period.label} (${period.calendar})` : period.label,
        start: period.from,
        end: addDays(period.to, 1),
      })),
    },
  };
}

export default function PlanCalendarPage() {
  const { filters, buyerName, notices, month, monthItems, events, options, origin, periods } =
    useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const selectionSearch = planSearch(filters, {}, { only: "selection" });
  const monthHref = (target: string) => {
    const params = new URLSearchParams(selectionSearch);
    params.set("mois", target);
    return `/plan/calendrier?${params.toString()}`;
  };
  const selection = describeSelection(filters, buyerName);
  const byDay = new Map<string, typeof monthItems>();
  for (const item of monthItems) {
    const list = byDay.get(item.expectedPublicationDate) ?? [];
    list.push(item);
    byDay.set(item.expectedPublicationDate, list);
  }
  return (
    <>
      <h1>Calendrier des achats prévus</h1>
      <p className="lead">
        Les dates auxquelles les acheteurs publics prévoient de publier leurs consultations, mois par mois.{" "}
        <Link to={`/plan${selectionSearch}`}>Revenir à la liste complète</Link>.
      </p>
      <Notices notices={notices} />
      <PlanFiltersForm
        action="/plan/calendrier"
        filters={filters}
        options={options}
        buyerName={buyerName}
        withSort={false}
        hidden={{ mois: month }}
      />

      {hydrated ? (
        <section aria-label="Calendrier interactif" className="plan-calendar">
          <Suspense fallback={<p className="muted">Chargement du calendrier…</p>}>
            <PlanCalendar
              key={month}
              month={month}
              events={events}
              blockedPeriods={periods?.background ?? []}
              onMonthChange={(target) => navigate(monthHref(target), { preventScrollReset: true })}
            />
          </Suspense>
        </section>
      ) : null}

      <section aria-labelledby="mois-titre">
        <h2 id="mois-titre">
          {formatMonth(month)} :{" "}
          {monthItems.length === 0
            ? "aucun achat prévu"
            : `${monthItems.length} achat${monthItems.length > 1 ? "s" : ""} prévu${monthItems.length > 1 ? "s" : ""}`}
          {selection.length ? <span className="muted"> — {selection.join(" · ")}</span> : null}
        </h2>
        <nav aria-label="Changer de mois" className="actions month-nav">
          <Link to={monthHref(shiftMonth(month, -1))} preventScrollReset>
            <span aria-hidden="true">← </span>
            {formatMonth(shiftMonth(month, -1))}
          </Link>
          <Link to={monthHref(shiftMonth(month, 1))} preventScrollReset>
            {formatMonth(shiftMonth(month, 1))}
            <span aria-hidden="true"> →</span>
          </Link>
        </nav>
        {byDay.size > 0 ? (
          <ol className="month-list">
            {[...byDay.entries()].map(([day, dayItems]) => (
              <li key={day}>
                <h3>
                  <DateText iso={day} long />
                </h3>
                <ul>
                  {dayItems.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <Link to={`/plan/${item.plannedProcurementId}`}>{item.title}</Link> —{" "}
                      <Link to={`/acheteurs/${item.buyer.slug}`}>{item.buyer.name}</Link>{" "}
                      <span className="muted">({labelOf(CATEGORIES, item.category)})</span>
                      <PlanBadges {...item} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : (
          <p>Aucune publication prévue ce mois-ci avec ces critères. Changez de mois ou élargissez les filtres.</p>
        )}
      </section>

      <section aria-labelledby="periodes-titre">
        <h2 id="periodes-titre">Périodes à éviter</h2>
        {periods ? (
          <>
            <p>
              Les acheteurs évitent de lancer une consultation pendant ces périodes, où les entreprises répondent moins
              : voici celles de {formatMonth(month)} pour {periods.territory}
              {hydrated ? ", grisées sur le calendrier" : ""}.
            </p>
            {periods.inMonth.length ? (
              <BlockedPeriodsList periods={periods.inMonth} />
            ) : (
              <p>Aucune période à éviter ce mois-ci.</p>
            )}
          </>
        ) : (
          <p>
            Choisissez un département ou une région dans les filtres pour voir ses vacances scolaires, ses jours fériés
            et les périodes de trêve, pendant lesquelles les acheteurs évitent de lancer leurs consultations.
          </p>
        )}
      </section>

      <FeedLinks search={selectionSearch} origin={origin} />
    </>
  );
}

// A relay's newsletter block for a period: the planned procurements its buyers added or changed in
// the editions they published during the period (the edition diff, app/plan/edition-diff.ts, between
// the last edition of the period and the one before the period), their upcoming events and open
// questionnaires; as an HTML fragment for mail clients and as plain text.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { addDays, instantToParisDate, instantWithinParisDate, todayInParis } from "~/calendar/dates";
import { formatDateFr } from "~/calendar/format";
import { db } from "~/db/db.server";
import { labelOfKind } from "~/meetings/kinds";
import { eventWhen } from "~/meetings/ui";
import { diffEditions, type EditionItemData } from "~/plan/edition-diff";
import { DEFAULT_FILTERS } from "~/plan/filters";
import { CATEGORIES, RESERVED, VALUE_BANDS, labelOf } from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { describeHighlights, isHighlighted } from "./following";
import { NewsletterBlock } from "./newsletter-block";
import {
  NEWSLETTER_MAX_EVENTS,
  NEWSLETTER_MAX_ITEMS,
  NEWSLETTER_MAX_QUESTIONNAIRES,
  newsletterText,
  sourceText,
  type NewsletterData,
  type NewsletterItem,
} from "./newsletter";
import { editionLabel, relayEvents, relayPlanScope, relayQuestionnaires } from "./page.server";
import type { RelayView } from "./relays.server";
import type { NewsletterPeriod } from "./schemas";

interface EditionRef {
  id: string;
  organizationId: string;
  year: number;
  half: number;
  number: number;
  publishedAt: Date;
  organization: { name: string };
}

/** The editions of the relay's buyers published during the period (Paris days), by buyer and semester. */
async function editionsOfPeriod(relay: RelayView, period: NewsletterPeriod): Promise<EditionRef[][]> {
  const rows = await db.planEdition.findMany({
    where: {
      AND: [relayPlanScope(relay).editions],
      // A day's margin on each side, then the Paris day of each publication decides.
      publishedAt: {
        gte: instantWithinParisDate(addDays(period.from, -1)),
        lt: instantWithinParisDate(addDays(period.to, 1)),
      },
    },
    orderBy: [{ organizationId: "asc" }, { year: "asc" }, { half: "asc" }, { number: "asc" }],
    select: {
      id: true,
      organizationId: true,
      year: true,
      half: true,
      number: true,
      publishedAt: true,
      organization: { select: { name: true } },
    },
  });
  const groups = new Map<string, EditionRef[]>();
  for (const row of rows) {
    const day = instantToParisDate(row.publishedAt);
    if (day < period.from || day > period.to) continue;
    const key = `${row.organizationId}|${row.year}|${row.half}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

function facts(item: EditionItemData): string {
  return [labelOf(CATEGORIES, item.category), `CPV ${item.cpvCode}`, labelOf(VALUE_BANDS, item.valueBand)].join(" · ");
}

function toItem(
  item: EditionItemData,
  buyer: string,
  edition: EditionRef,
  origin: string,
  relay: RelayView,
  change: string | null,
): NewsletterItem {
  return {
    plannedProcurementId: item.plannedProcurementId,
    title: item.title,
    buyer,
    departement: item.departement,
    expectedPublicationDate: item.expectedPublicationDate,
    facts: facts(item),
    reserved: item.reserved !== "none" ? labelOf(RESERVED, item.reserved) : null,
    change,
    source: sourceText({ label: editionLabel(edition), publishedAt: edition.publishedAt }),
    url: `${origin}/plan/${encodeURIComponent(item.plannedProcurementId)}`,
    highlighted: isHighlighted(item, relay.highlights),
  };
}

/** Highlighted items first, then by expected publication date. */
function byInterest(a: NewsletterItem, b: NewsletterItem): number {
  return (
    Number(b.highlighted) - Number(a.highlighted) ||
    a.expectedPublicationDate.localeCompare(b.expectedPublicationDate) ||
    a.title.localeCompare(b.title, "fr")
  );
}

/** What the block says for the period, with links on `origin`. */
export async function relayNewsletterData(
  relay: RelayView,
  period: NewsletterPeriod,
  origin: string,
  now: Date,
): Promise<NewsletterData> {
  const today = todayInParis(now);
  const selection = { filters: DEFAULT_FILTERS, buyer: null };
  const [groups, events, questionnaires] = await Promise.all([
    editionsOfPeriod(relay, period),
    relayEvents(relay, selection, now, NEWSLETTER_MAX_EVENTS),
    relayQuestionnaires(relay, selection, today, NEWSLETTER_MAX_QUESTIONNAIRES),
  ]);
  const added: NewsletterItem[] = [];
  const changed: NewsletterItem[] = [];
  const withdrawn: NewsletterData["withdrawn"] = [];
  for (const editions of groups) {
    const first = editions[0]!;
    const last = editions[editions.length - 1]!;
    // The edition the buyer's readers knew before the period (none for a first edition).
    const [previous, current] = await Promise.all([
      first.number > 1
        ? db.planEditionItem.findMany({
            where: {
              edition: {
                organizationId: first.organizationId,
                year: first.year,
                half: first.half,
                number: first.number - 1,
              },
            },
          })
        : Promise.resolve([]),
      db.planEditionItem.findMany({ where: { editionId: last.id } }),
    ]);
    const diff = diffEditions(previous, current);
    const buyer = last.organization.name;
    for (const item of diff.added) added.push(toItem(item, buyer, last, origin, relay, null));
    for (const moved of diff.moved)
      changed.push(
        toItem(
          moved.item,
          buyer,
          last,
          origin,
          relay,
          `Date de publication déplacée du ${formatDateFr(moved.from)} au ${formatDateFr(moved.to)}${moved.fields.length ? ` ; modifié aussi : ${moved.fields.join(", ").toLowerCase()}` : ""}.`,
        ),
      );
    for (const modified of diff.modified)
      changed.push(
        toItem(modified.item, buyer, last, origin, relay, `Modifié : ${modified.fields.join(", ").toLowerCase()}.`),
      );
    for (const item of diff.withdrawn)
      withdrawn.push({
        title: item.title,
        buyer,
        url: `${origin}/plan/${encodeURIComponent(item.plannedProcurementId)}`,
      });
  }
  added.sort(byInterest);
  changed.sort(byInterest);
  const listedAdded = added.slice(0, NEWSLETTER_MAX_ITEMS);
  const listedChanged = changed.slice(0, Math.max(0, NEWSLETTER_MAX_ITEMS - listedAdded.length));
  const pageUrl = `${origin}/relais/${encodeURIComponent(relay.slug)}`;
  return {
    relay: { name: relay.name, pageUrl },
    period,
    madeOn: today,
    added: listedAdded,
    changed: listedChanged,
    more: added.length + changed.length - listedAdded.length - listedChanged.length,
    withdrawn: withdrawn.slice(0, NEWSLETTER_MAX_ITEMS),
    events: events.events.map((event) => ({
      title: event.title,
      facts: `${labelOfKind(event.kind)} · ${eventWhen(event)} · ${event.location ?? "en ligne"}${event.location ? ` (${departementLabel(event.departement)})` : ""}`,
      organizer: event.coHost ? `${event.organizer.name} avec ${event.coHost}` : event.organizer.name,
      url: `${origin}/evenements/${encodeURIComponent(event.id)}`,
    })),
    questionnaires: questionnaires.questionnaires.map((questionnaire) => ({
      title: questionnaire.title,
      buyer: questionnaire.buyer.name,
      procurement: questionnaire.procurement.title,
      openUntil: questionnaire.openUntil,
      url: `${origin}/sourcing/${encodeURIComponent(questionnaire.id)}`,
    })),
    highlights: describeHighlights(relay.highlights),
  };
}

export interface NewsletterBlockOutput {
  data: NewsletterData;
  html: string;
  text: string;
}

export function renderNewsletter(data: NewsletterData): { html: string; text: string } {
  return { html: renderToStaticMarkup(createElement(NewsletterBlock, { data })), text: newsletterText(data) };
}

export async function relayNewsletter(
  relay: RelayView,
  period: NewsletterPeriod,
  origin: string,
  now: Date,
): Promise<NewsletterBlockOutput> {
  const data = await relayNewsletterData(relay, period, origin, now);
  return { data, ...renderNewsletter(data) };
}

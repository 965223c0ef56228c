// A relay's newsletter block (pure): what it says, and its plain-text version. The HTML version is
// app/relay/newsletter-block.tsx, rendered by newsletter.server.ts from the same data. Every link is
// absolute (the block is pasted into another tool and read in a mail client).
import { formatDateFr, formatDay, formatInstantDay } from "~/calendar/format";
import { departementLabel } from "~/territory/departements";
import { NBSP } from "../../emails/layout";
import type { NewsletterPeriod } from "./schemas";

export interface NewsletterItem {
  plannedProcurementId: string;
  title: string;
  buyer: string;
  departement: string;
  expectedPublicationDate: string;
  /** "Travaux · CPV 45210000-2 · De 215 000 € à 1 million d'euros HT" */
  facts: string;
  /** Who may answer, when the contract is reserved ("Réservé aux structures d'insertion…"). */
  reserved: string | null;
  /** What changed, for a changed item ("Date déplacée du … au …", "Modifié : montant estimé"). */
  change: string | null;
  /** "Programmation du 1er semestre 2027, édition n° 2, publiée le 3 décembre 2026". */
  source: string;
  url: string;
  highlighted: boolean;
}

export interface NewsletterEvent {
  title: string;
  /** "Salon inversé · jeudi 14 janvier 2027, de 09:00 à 12:30 · Lyon" */
  facts: string;
  organizer: string;
  url: string;
}

export interface NewsletterQuestionnaire {
  title: string;
  buyer: string;
  procurement: string;
  openUntil: string;
  url: string;
}

export interface NewsletterData {
  relay: { name: string; pageUrl: string };
  period: NewsletterPeriod;
  /** The day the block was made (events and questionnaires are those to come from that day). */
  madeOn: string;
  added: NewsletterItem[];
  changed: NewsletterItem[];
  /** More new or changed items than the block lists: they are on the relay's page. */
  more: number;
  withdrawn: { title: string; buyer: string; url: string }[];
  events: NewsletterEvent[];
  questionnaires: NewsletterQuestionnaire[];
  /** What the relay highlights, in words ("Travaux, CPV 45 – Travaux de construction"). */
  highlights: string[];
}

/** The most items of each list in a block: beyond, the block points to the relay's page. */
export const NEWSLETTER_MAX_ITEMS = 30;
export const NEWSLETTER_MAX_EVENTS = 10;
export const NEWSLETTER_MAX_QUESTIONNAIRES = 10;

/** "du 8 novembre 2026 au 7 décembre 2026", or "le 7 décembre 2026". */
export function periodText(period: NewsletterPeriod): string {
  return period.from === period.to
    ? `le ${formatDay(period.from)}`
    : `du ${formatDay(period.from)} au ${formatDay(period.to)}`;
}

export function newsletterTitle(data: Pick<NewsletterData, "relay">): string {
  return `Achats publics à venir, relayés par ${data.relay.name}`;
}

export function newsletterIntro(data: NewsletterData): string {
  return `Ce que les acheteurs publics suivis par ${data.relay.name} ont annoncé ou changé dans leur programmation ${periodText(data.period)}, leurs prochains événements et leurs questionnaires ouverts, d'après Amont.`;
}

export function itemWhen(item: Pick<NewsletterItem, "expectedPublicationDate">): string {
  return `Publication prévue le ${formatDateFr(item.expectedPublicationDate)}`;
}

export function itemBuyer(item: Pick<NewsletterItem, "buyer" | "departement">): string {
  return `${item.buyer} (${departementLabel(item.departement)})`;
}

export function sourceText(edition: { label: string; publishedAt: Date }): string {
  return `${edition.label}, publiée le ${formatInstantDay(edition.publishedAt)}`;
}

function plural(count: number, singular: string, pluralWord = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralWord : singular}`;
}

/** The block's plain-text version: the same content, for text-only newsletters and mail clients. */
export function newsletterText(data: NewsletterData): string {
  const lines: string[] = [newsletterTitle(data), "", newsletterIntro(data), ""];
  const itemLines = (item: NewsletterItem) => [
    `- ${item.highlighted ? "[Mis en avant] " : ""}${item.title}`,
    `  ${itemBuyer(item)}`,
    `  ${itemWhen(item)} · ${item.facts}`,
    ...(item.reserved ? [`  ${item.reserved}`] : []),
    ...(item.change ? [`  ${item.change}`] : []),
    `  Source${NBSP}: ${item.source}`,
    `  ${item.url}`,
    "",
  ];
  if (data.added.length) {
    lines.push(`NOUVEAUX ACHATS PRÉVUS (${data.added.length})`, "");
    for (const item of data.added) lines.push(...itemLines(item));
  }
  if (data.changed.length) {
    lines.push(`ACHATS PRÉVUS MODIFIÉS (${data.changed.length})`, "");
    for (const item of data.changed) lines.push(...itemLines(item));
  }
  if (data.added.length + data.changed.length === 0)
    lines.push(`Aucun achat prévu nouveau ou modifié ${periodText(data.period)}.`, "");
  if (data.more > 0)
    lines.push(
      `Et ${plural(data.more, "autre achat", "autres achats")} sur la page du réseau${NBSP}: ${data.relay.pageUrl}`,
      "",
    );
  if (data.withdrawn.length) {
    lines.push(`RETIRÉS DE LA PROGRAMMATION (${data.withdrawn.length})`, "");
    for (const item of data.withdrawn) lines.push(`- ${item.title} — ${item.buyer}`, `  ${item.url}`, "");
  }
  if (data.events.length) {
    lines.push(`ÉVÉNEMENTS À VENIR (${data.events.length})`, "");
    for (const event of data.events)
      lines.push(`- ${event.title}`, `  ${event.facts}`, `  Organisé par ${event.organizer}`, `  ${event.url}`, "");
  }
  if (data.questionnaires.length) {
    lines.push(`QUESTIONNAIRES DE SOURCING OUVERTS (${data.questionnaires.length})`, "");
    for (const questionnaire of data.questionnaires)
      lines.push(
        `- ${questionnaire.title} — ${questionnaire.buyer}`,
        `  Pour l'achat prévu «${NBSP}${questionnaire.procurement}${NBSP}», réponses jusqu'au ${formatDateFr(questionnaire.openUntil)}`,
        `  ${questionnaire.url}`,
        "",
      );
  }
  lines.push(
    `Toute la programmation relayée par ${data.relay.name}${NBSP}: ${data.relay.pageUrl}`,
    `Source${NBSP}: programmations publiées par les acheteurs sur Amont, au ${formatDay(data.madeOn)}.`,
  );
  return `${lines.join("\n").trimEnd()}\n`;
}

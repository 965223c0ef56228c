// /plan.ocds.json: the plan as an Open Contracting Data Standard 1.1 release package at the
// planning stage (https://standard.open-contracting.org/1.1/en/). One release per planned
// procurement, from the latest edition that lists it:
// - ocid: the publisher's registered prefix (OCDS_PREFIX, see env.server.ts) + the planned
//   procurement's id, so that later releases (tender, award) of the same procurement can share it;
// - release id: the edition ("planning-2027-S1-2"), so each new edition is a new release;
// - tag ["planning"], tender.status "planned", the buyer in parties with roles ["buyer"];
// - items classified by CPV (one per lot, or one for the whole procurement);
// - the estimated value band as an amount range: tender.minValue and tender.value (upper bound);
// - the expected tender period (expected publication → response deadline) and contract period.
// Considerations and the reserved-market condition have no core field: they go in
// tender.description and tender.eligibilityCriteria, in French.
import { addDays, daysBetween } from "~/calendar/dates";
import { env } from "~/env.server";
import { departementLabel } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import { PROCEDURES, VALUE_BANDS, labelOf, type ValueBand } from "../vocabulary";
import { itemUrl, reservedLabel, type FeedItem } from "./describe";

/** The publisher's ocid prefix (validated at start: "ocds-" and six letters or digits). */
export function ocidPrefix(): string {
  return env().ocdsPrefix;
}

// ---- dates --------------------------------------------------------------------------------------

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** Europe/Paris offset at an instant, as "+01:00" / "+02:00". */
function parisOffset(instant: Date): string {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return match ? match[1]! : "+00:00";
}

/** "2027-03-15" at "00:00:00" Paris time → "2027-03-15T00:00:00+01:00" (RFC 3339, as OCDS wants). */
export function parisDateTime(isoDate: string, time = "00:00:00"): string {
  // The offset at about that local time (exact except within the DST switch hour, never used here).
  const approximate = new Date(`${isoDate}T${time}Z`);
  const offset = parisOffset(new Date(approximate.getTime() - 2 * 3600_000));
  return `${isoDate}T${time}${offset}`;
}

/** `iso` plus `months` months, the day clamped to the month's length ("2027-01-31" + 1 → "2027-02-28"). */
export function addMonthsIso(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), lastDay);
  return `${String(targetYear).padStart(4, "0")}-${String(targetMonth + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---- mapping --------------------------------------------------------------------------------------

const CATEGORY_TO_OCDS: Record<string, "works" | "goods" | "services"> = {
  travaux: "works",
  fournitures: "goods",
  services: "services",
};

/** OCDS method codelist: open, selective, limited, direct. MAPA can be any of them: left out. */
const PROCEDURE_TO_METHOD: Record<string, "open" | "selective" | "limited" | "direct" | undefined> = {
  ao_ouvert: "open",
  ao_restreint: "selective",
  negociee: "selective",
  dialogue: "selective",
  sans_publicite: "direct",
};

function euros(cents: number): number {
  return Math.round(cents) / 100;
}

type Json = Record<string, unknown>;

function partyId(buyer: FeedItem["buyer"]): string {
  return buyer.siren ? `FR-SIRENE-${buyer.siren}` : `amont-${buyer.slug}`;
}

export function buildRelease(item: FeedItem, prefix: string, origin: string): Json {
  const url = itemUrl(origin, item);
  const party: Json = {
    id: partyId(item.buyer),
    name: item.buyer.name,
    address: { region: findRegion(item.region)?.name ?? item.region, countryName: "France" },
    contactPoint: { name: item.contactName, email: item.contactEmail },
    details: { departement: departementLabel(item.departement), url: `${origin}/acheteurs/${item.buyer.slug}` },
    roles: ["buyer"],
  };
  // SIRENE (INSEE's register) in org-id.guide's list; without a SIREN, Amont's own identifier.
  if (item.buyer.siren) party.identifier = { scheme: "FR-SIRENE", id: item.buyer.siren, legalName: item.buyer.name };

  const cpv = item.cpvCode.replace(/-\d$/, "");
  const classification = { scheme: "CPV", id: cpv };
  const items =
    item.lots.length > 0
      ? item.lots.map((lot) => ({
          id: `lot-${lot.number}`,
          description: `Lot ${lot.number} : ${lot.title}${lot.description ? ` — ${lot.description}` : ""}`,
          classification,
        }))
      : [{ id: "1", description: item.title, classification }];

  const tender: Json = {
    id: item.plannedProcurementId,
    title: item.title,
    description: [
      item.need,
      item.socialConsideration ? `Considération sociale : ${item.socialConsideration}` : null,
      item.environmentalConsideration ? `Considération environnementale : ${item.environmentalConsideration}` : null,
    ]
      .filter(Boolean)
      .join("\n\n"),
    status: "planned",
    items,
    procurementMethodDetails: labelOf(PROCEDURES, item.procedure),
    eligibilityCriteria: reservedLabel(item.reserved),
  };
  const category = CATEGORY_TO_OCDS[item.category];
  if (category) tender.mainProcurementCategory = category;
  const method = PROCEDURE_TO_METHOD[item.procedure];
  if (method) tender.procurementMethod = method;
  const band = VALUE_BANDS[item.valueBand as ValueBand];
  if (band) {
    tender.minValue = { amount: euros(band.minCents), currency: "EUR" };
    if (band.maxCents !== null) tender.value = { amount: euros(band.maxCents), currency: "EUR" };
  }
  const tenderPeriod: Json = { startDate: parisDateTime(item.expectedPublicationDate) };
  if (item.responseDeadline) tenderPeriod.endDate = parisDateTime(item.responseDeadline, "23:59:59");
  tender.tenderPeriod = tenderPeriod;
  if (item.contractStart) {
    const contractPeriod: Json = { startDate: parisDateTime(item.contractStart) };
    if (item.contractDurationMonths) {
      const endExclusive = addMonthsIso(item.contractStart, item.contractDurationMonths);
      contractPeriod.endDate = parisDateTime(addDays(endExclusive, -1), "23:59:59");
      contractPeriod.durationInDays = daysBetween(item.contractStart, endExclusive);
    }
    tender.contractPeriod = contractPeriod;
  }

  return {
    ocid: `${prefix}-${item.plannedProcurementId}`,
    id: `planning-${item.edition.year}-S${item.edition.half}-${item.edition.number}`,
    date: item.edition.publishedAt.toISOString(),
    tag: ["planning"],
    initiationType: "tender",
    language: "fr",
    parties: [party],
    buyer: { id: party.id, name: item.buyer.name },
    planning: {
      rationale: item.need,
      documents: [
        {
          id: "fiche",
          documentType: "procurementPlan",
          title: `Fiche de l'achat prévu : ${item.title}`,
          url,
          format: "text/html",
          language: "fr",
        },
      ],
    },
    tender,
  };
}

export interface OcdsPackageOptions {
  prefix: string;
  origin: string;
  /** The package's own URL (with its filters). */
  uri: string;
  /** Latest publication among the editions it comes from. */
  publishedDate: Date | null;
}

/**
 * The release package. With no matching item, `releases` is empty: the schema asks for at least
 * one release, but an empty answer to a filter is more useful to a subscriber than an error. Its
 * publishedDate is then the epoch (nothing in scope was ever published), so that the same state
 * always gives the same bytes, as the ETag promises.
 */
export function buildOcdsPackage(items: readonly FeedItem[], options: OcdsPackageOptions): Json {
  return {
    uri: options.uri,
    version: "1.1",
    publishedDate: (options.publishedDate ?? new Date(0)).toISOString(),
    publisher: { name: "Amont", uri: options.origin },
    releases: items.map((item) => buildRelease(item, options.prefix, options.origin)),
  };
}

/**
 * The same package as JSON text, written release by release: a feed of thousands of releases never
 * holds the whole object tree in memory at once (same bytes as JSON.stringify(buildOcdsPackage())).
 */
export function ocdsPackageJson(items: readonly FeedItem[], options: OcdsPackageOptions): string {
  const head = JSON.stringify(buildOcdsPackage([], options));
  const parts: string[] = [head.slice(0, head.lastIndexOf("[]")), "["];
  items.forEach((item, index) => {
    if (index > 0) parts.push(",");
    parts.push(JSON.stringify(buildRelease(item, options.prefix, options.origin)));
  });
  parts.push("]}");
  return parts.join("");
}

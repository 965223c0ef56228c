// Relays and what they follow: the public relays (verified ones only: like a buyer, a relay
// publishes nothing before a platform admin approves it), their settings, and which relays follow a
// buyer. Writes replace a relay's whole following (or sites, or logo) in one transaction.
import { createHash } from "node:crypto";
import { db, write, type WriteTransaction } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { regionOf } from "~/territory/regions";
import type { RelayFollowing, RelayHighlights } from "./following";
import { logoPath, type LogoType } from "./logo";
import type { BuyerReference, FollowingInput } from "./schemas";

export interface RelayBuyer {
  id: string;
  slug: string;
  name: string;
  departement: string;
  siren: string | null;
}

export interface RelayView {
  id: string;
  slug: string;
  name: string;
  relayKind: string | null;
  departement: string;
  verificationStatus: string;
  /** Changes with any change of the relay's settings (it is touched by every save). */
  updatedAt: Date;
  following: RelayFollowing;
  followedBuyers: RelayBuyer[];
  highlights: RelayHighlights;
  sites: string[];
  /** The logo's versioned address on Amont, when the relay has one. */
  logoUrl: string | null;
}

const RELAY_SELECT = {
  id: true,
  kind: true,
  slug: true,
  name: true,
  relayKind: true,
  departement: true,
  verificationStatus: true,
  updatedAt: true,
  territory: { select: { departement: true }, orderBy: { departement: "asc" } },
  relayRegions: { select: { region: true }, orderBy: { region: "asc" } },
  relayFollows: {
    select: { buyer: { select: { id: true, slug: true, name: true, departement: true, siren: true } } },
    orderBy: { buyer: { name: "asc" } },
  },
  relayHighlights: { select: { kind: true, value: true }, orderBy: [{ kind: "asc" }, { value: "asc" }] },
  relaySites: { select: { origin: true }, orderBy: { origin: "asc" } },
  relayLogo: { select: { sha256: true } },
} satisfies Prisma.OrganizationSelect;

type RelayRow = Prisma.OrganizationGetPayload<{ select: typeof RELAY_SELECT }>;

function toView(row: RelayRow): RelayView {
  const followedBuyers = row.relayFollows.map((follow) => follow.buyer);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    relayKind: row.relayKind,
    departement: row.departement,
    verificationStatus: row.verificationStatus,
    updatedAt: row.updatedAt,
    following: {
      departements: row.territory.map((entry) => entry.departement),
      regions: row.relayRegions.map((entry) => entry.region),
      buyerIds: followedBuyers.map((buyer) => buyer.id),
    },
    followedBuyers,
    highlights: {
      categories: row.relayHighlights.filter((entry) => entry.kind === "category").map((entry) => entry.value),
      cpvDivisions: row.relayHighlights.filter((entry) => entry.kind === "cpv").map((entry) => entry.value),
    },
    sites: row.relaySites.map((entry) => entry.origin),
    logoUrl: row.relayLogo ? logoPath(row.slug, row.relayLogo.sha256) : null,
  };
}

const SLUG_PATTERN = /^[a-z0-9-]{1,100}$/;

/** A verified relay's public view, by its slug; null for anything else (unknown, pending, not a relay). */
export async function findPublicRelay(slug: string): Promise<RelayView | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const row = await db.organization.findUnique({ where: { slug }, select: RELAY_SELECT });
  if (!row || row.kind !== "relay" || row.verificationStatus !== "approved") return null;
  return toView(row);
}

/** A relay's settings as its members see them (verified or not); null when the organisation is not a relay. */
export async function findRelaySettings(organizationId: string): Promise<RelayView | null> {
  const row = await db.organization.findUnique({ where: { id: organizationId }, select: RELAY_SELECT });
  return row && row.kind === "relay" ? toView(row) : null;
}

export interface RelaySummary {
  slug: string;
  name: string;
  relayKind: string | null;
  departement: string;
  departements: string[];
  regions: string[];
  followedBuyerCount: number;
  logoUrl: string | null;
  updatedAt: Date;
}

/** Every verified relay, by name (the /relais list). */
export async function listPublicRelays(): Promise<RelaySummary[]> {
  const rows = await db.organization.findMany({
    where: { kind: "relay", verificationStatus: "approved" },
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      relayKind: true,
      departement: true,
      updatedAt: true,
      territory: { select: { departement: true }, orderBy: { departement: "asc" } },
      relayRegions: { select: { region: true }, orderBy: { region: "asc" } },
      relayLogo: { select: { sha256: true } },
      _count: { select: { relayFollows: true } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    relayKind: row.relayKind,
    departement: row.departement,
    departements: row.territory.map((entry) => entry.departement),
    regions: row.relayRegions.map((entry) => entry.region),
    followedBuyerCount: row._count.relayFollows,
    logoUrl: row.relayLogo ? logoPath(row.slug, row.relayLogo.sha256) : null,
    updatedAt: row.updatedAt,
  }));
}

// ---- settings ----------------------------------------------------------------------------------------

function describeReference(reference: BuyerReference): string {
  return "siren" in reference ? `le SIREN ${reference.siren}` : `l'adresse « …/acheteurs/${reference.slug} »`;
}

export type SaveFollowingResult = { ok: true } | { ok: false; field: "buyers"; message: string };

/**
 * Replaces what the relay follows and highlights. Buyers are named by SIREN or slug; each must be
 * a verified buyer, otherwise nothing is saved and the message names the first unknown one.
 */
export async function saveFollowing(relayId: string, input: FollowingInput): Promise<SaveFollowingResult> {
  const sirens = input.buyers.flatMap((reference) => ("siren" in reference ? [reference.siren] : []));
  const slugs = input.buyers.flatMap((reference) => ("slug" in reference ? [reference.slug] : []));
  const found = await db.organization.findMany({
    where: {
      kind: "buyer",
      verificationStatus: "approved",
      OR: [{ siren: { in: sirens } }, { slug: { in: slugs } }],
    },
    select: { id: true, siren: true, slug: true },
  });
  const buyerIds: string[] = [];
  for (const reference of input.buyers) {
    const buyer = found.find((candidate) =>
      "siren" in reference ? candidate.siren === reference.siren : candidate.slug === reference.slug,
    );
    if (!buyer)
      return {
        ok: false,
        field: "buyers",
        message: `Aucun acheteur public vérifié ne porte ${describeReference(reference)} sur Amont. Vérifiez la ligne, ou suivez plutôt son département.`,
      };
    if (!buyerIds.includes(buyer.id)) buyerIds.push(buyer.id);
  }
  await write(async (tx) => {
    await tx.relayTerritory.deleteMany({ where: { organizationId: relayId } });
    await tx.relayRegion.deleteMany({ where: { organizationId: relayId } });
    await tx.relayFollowedBuyer.deleteMany({ where: { relayId } });
    await tx.relayHighlight.deleteMany({ where: { organizationId: relayId } });
    await tx.relayTerritory.createMany({
      data: input.departements.map((departement) => ({ organizationId: relayId, departement })),
    });
    await tx.relayRegion.createMany({ data: input.regions.map((region) => ({ organizationId: relayId, region })) });
    await tx.relayFollowedBuyer.createMany({ data: buyerIds.map((buyerId) => ({ relayId, buyerId })) });
    await tx.relayHighlight.createMany({
      data: [
        ...input.categories.map((value) => ({ organizationId: relayId, kind: "category", value })),
        ...input.cpv.map((value) => ({ organizationId: relayId, kind: "cpv", value })),
      ],
    });
    await touch(tx, relayId);
  });
  return { ok: true };
}

/** Marks the relay as changed: its pages' and feeds' freshness follow its updatedAt. */
function touch(tx: WriteTransaction, relayId: string) {
  return tx.organization.update({ where: { id: relayId }, data: { updatedAt: new Date() }, select: { id: true } });
}

/** Replaces the sites allowed to embed the widget. */
export async function saveSites(relayId: string, origins: readonly string[]): Promise<void> {
  await write(async (tx) => {
    await tx.relaySite.deleteMany({ where: { organizationId: relayId } });
    await tx.relaySite.createMany({ data: origins.map((origin) => ({ organizationId: relayId, origin })) });
    await touch(tx, relayId);
  });
}

export async function saveLogo(relayId: string, logo: { contentType: LogoType; bytes: Uint8Array }): Promise<void> {
  const bytes = Uint8Array.from(logo.bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await write(async (tx) => {
    await tx.relayLogo.upsert({
      where: { organizationId: relayId },
      create: { organizationId: relayId, contentType: logo.contentType, bytes, sha256 },
      update: { contentType: logo.contentType, bytes, sha256 },
    });
    await touch(tx, relayId);
  });
}

export async function removeLogo(relayId: string): Promise<boolean> {
  return write(async (tx) => {
    const { count } = await tx.relayLogo.deleteMany({ where: { organizationId: relayId } });
    if (count) await touch(tx, relayId);
    return count > 0;
  });
}

/** A verified relay's logo, to serve it; null when there is none. */
export async function findRelayLogo(slug: string) {
  if (!SLUG_PATTERN.test(slug)) return null;
  const relay = await db.organization.findUnique({
    where: { slug },
    select: {
      kind: true,
      verificationStatus: true,
      relayLogo: { select: { contentType: true, bytes: true, sha256: true, updatedAt: true } },
    },
  });
  if (!relay || relay.kind !== "relay" || relay.verificationStatus !== "approved") return null;
  return relay.relayLogo;
}

// ---- who follows a buyer --------------------------------------------------------------------------------

export interface FollowingRelay {
  slug: string;
  name: string;
  /** How it follows the buyer: by name, through its département, or through its région. */
  how: "buyer" | "departement" | "region";
}

/** The verified relays that relay a buyer's plan, by name. */
export async function relaysFollowingBuyer(buyer: { id: string; departement: string }): Promise<FollowingRelay[]> {
  const region = regionOf(buyer.departement)?.code;
  const rows = await db.organization.findMany({
    where: {
      kind: "relay",
      verificationStatus: "approved",
      OR: [
        { relayFollows: { some: { buyerId: buyer.id } } },
        { territory: { some: { departement: buyer.departement } } },
        ...(region ? [{ relayRegions: { some: { region } } }] : []),
      ],
    },
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      relayFollows: { where: { buyerId: buyer.id }, select: { buyerId: true } },
      territory: { where: { departement: buyer.departement }, select: { departement: true } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    how: row.relayFollows.length ? "buyer" : row.territory.length ? "departement" : "region",
  }));
}

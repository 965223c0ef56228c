// The demo relays' following (docs/decisions/0025-relays.md): beyond their territories (seed-data.ts),
// each follows a few buyers by name and highlights what its members make, and declares the site that
// embeds its widget. Their newsletter block is ready as soon as the plan is seeded: the buyers'
// editions are published on the day the demo is loaded, inside the block's default period.
import { db } from "../app/db/db.server";
import { saveFollowing, saveSites } from "../app/relay/relays.server";
import { followingSchema } from "../app/relay/schemas";
import { RELAYS } from "./seed-data";

interface DemoRelayFollowing {
  regions: string[];
  /** Buyers followed by name (their slugs), beyond the territory. */
  buyers: string[];
  categories: string[];
  cpv: string;
  sites: string[];
}

export const DEMO_RELAY_FOLLOWING: Record<(typeof RELAYS)[number]["slug"], DemoRelayFollowing> = {
  "cci-rhone-confluence": {
    regions: [],
    buyers: ["departement-haut-doubs", "rhin-ill-habitat"],
    categories: ["travaux"],
    cpv: "45, 71",
    sites: ["https://www.cci-rhone-confluence.example"],
  },
  "cma-picardie-somme": {
    regions: ["32"],
    buyers: ["ch-intercommunal-ourcq"],
    categories: [],
    cpv: "45, 50, 55",
    sites: ["https://www.cma-picardie-somme.example", "https://adherents.cma-picardie-somme.example"],
  },
};

/** Saves each demo relay's following through the same path as its settings page (validated, then written). */
export async function seedDemoRelays(): Promise<{ relays: number; followedBuyers: number }> {
  let followedBuyers = 0;
  for (const seed of RELAYS) {
    const relay = await db.organization.findUniqueOrThrow({
      where: { slug: seed.slug },
      select: { id: true, territory: { select: { departement: true } } },
    });
    const demo = DEMO_RELAY_FOLLOWING[seed.slug];
    const input = followingSchema.parse({
      departements: relay.territory.map((entry) => entry.departement),
      regions: demo.regions,
      buyers: demo.buyers.join("\n"),
      categories: demo.categories,
      cpv: demo.cpv,
    });
    const saved = await saveFollowing(relay.id, input);
    if (!saved.ok) throw new Error(`Demo relay ${seed.slug}: ${saved.message}`);
    await saveSites(relay.id, demo.sites);
    followedBuyers += demo.buyers.length;
  }
  return { relays: RELAYS.length, followedBuyers };
}

// The public plan's queries on a real database: only the latest published edition of each buyer
// and semester is visible; filters, sorting and pagination; one item; a buyer's page; options.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db } from "~/db/db.server";
import { parsePlanFilters, PAGE_SIZE, type PlanFilters } from "~/plan/filters";
import {
  buyerChoices,
  feedFreshness,
  MAX_BUYER_OPTIONS,
  getBuyerPublicPage,
  getFilterOptions,
  getPublicItem,
  listAllPlanItems,
  listPlanItems,
  planVersion,
  resolveSelection,
} from "~/plan/public.server";
import {
  createBuyer,
  createProcurement,
  publish,
  S1_2027,
  S2_2027,
  updateProcurement,
  type TestBuyer,
} from "./support";

let lyon: TestBuyer;
let somme: TestBuyer;
let strasbourg: TestBuyer;
const ids: Record<string, string> = {};

async function page(query: string) {
  const { filters } = parsePlanFilters(query);
  return listPlanItems(await resolveSelection(filters));
}

beforeAll(async () => {
  await connectDatabase();
  lyon = await createBuyer("Ville de Lyon-Confluence", "69", "ville-de-lyon-confluence");
  somme = await createBuyer("Agglomération de la Somme", "80", "agglo-somme");
  strasbourg = await createBuyer("Zèbre Habitat", "67", "zebre-habitat");

  // Lyon: 28 items in S1 (more than one page), one of them reserved with an environmental consideration.
  for (let n = 1; n <= 28; n++) {
    const day = String(((n - 1) % 28) + 1).padStart(2, "0");
    ids[`lyon-${n}`] = await createProcurement(lyon, {
      title: `Achat lyonnais n° ${String(n).padStart(2, "0")}`,
      expectedPublicationDate: `2027-02-${day}`,
      category: n % 2 === 0 ? "travaux" : "services",
      cpvCode: n % 2 === 0 ? "45210000-2" : "77310000-6",
    });
  }
  ids.reserved = await createProcurement(lyon, {
    title: "Élagage des arbres d'alignement",
    expectedPublicationDate: "2027-03-15",
    reserved: "siae",
    environmentalConsideration: "Broyage et compostage des branches sur place.",
    publicationJustification: "Publication pendant les vacances : la saison d'élagage commence en novembre.",
    lots: [{ title: "Secteur nord" }, { title: "Secteur sud", description: "Quais et parcs" }],
  });
  ids.draft = await createProcurement(lyon, { title: "Brouillon jamais publié", status: "draft" });

  // Somme: S1 and S2, one with a social consideration.
  ids.somme1 = await createProcurement(somme, {
    title: "Eau potable : analyses",
    expectedPublicationDate: "2027-01-18",
    category: "services",
    cpvCode: "71900000-7",
  });
  ids.somme2 = await createProcurement(somme, {
    title: "Zinguerie de la médiathèque",
    expectedPublicationDate: "2027-05-10",
    category: "travaux",
    cpvCode: "45261000-4",
    socialConsideration: "Clause d'insertion de 5 % des heures.",
  });
  ids.somme3 = await createProcurement(somme, {
    title: "Transport scolaire",
    expectedPublicationDate: "2027-09-13",
    category: "services",
    cpvCode: "60112000-6",
  });

  // Strasbourg: S2, published twice: the second edition moves one item and withdraws another.
  ids.moved = await createProcurement(strasbourg, {
    title: "Ascenseurs : maintenance",
    expectedPublicationDate: "2027-10-04",
    category: "services",
    cpvCode: "50750000-7",
  });
  ids.withdrawn = await createProcurement(strasbourg, {
    title: "Peinture des halls",
    expectedPublicationDate: "2027-11-08",
    category: "travaux",
    cpvCode: "45442100-8",
  });

  await publish(lyon, S1_2027);
  await publish(somme, S1_2027);
  await publish(somme, S2_2027);
  await publish(strasbourg, S2_2027);
  await updateProcurement(ids.moved, { expectedPublicationDate: "2027-11-22" });
  await updateProcurement(ids.withdrawn, { status: "abandoned" });
  await publish(strasbourg, S2_2027);
  // Changed after publication but not republished: the public still sees the published version.
  await updateProcurement(ids.somme1, { title: "Titre modifié mais pas publié" });
});

describe("the public list", () => {
  it("shows the latest editions only: no draft, no withdrawn item, moved dates, unpublished changes hidden", async () => {
    const all = await listAllPlanItems(parsePlanFilters("").filters, null);
    const titles = all.map((item) => item.title);
    expect(all).toHaveLength(28 + 1 + 3 + 1);
    expect(titles).not.toContain("Brouillon jamais publié");
    expect(titles).not.toContain("Peinture des halls");
    expect(titles).not.toContain("Titre modifié mais pas publié");
    expect(titles).toContain("Eau potable : analyses");
    const moved = all.find((item) => item.plannedProcurementId === ids.moved)!;
    expect(moved.expectedPublicationDate).toBe("2027-11-22");
    expect(moved.edition).toMatchObject({ year: 2027, half: 2, number: 2 });
    expect(moved.buyer).toMatchObject({ slug: "zebre-habitat", name: "Zèbre Habitat" });
  });

  it("pages by 25, ordered by expected publication date, and clamps a page past the end", async () => {
    const first = await page("");
    expect(PAGE_SIZE).toBe(25);
    expect(first).toMatchObject({ total: 33, page: 1, pageCount: 2, pageClamped: false });
    expect(first.items).toHaveLength(25);
    const dates = first.items.map((item) => item.expectedPublicationDate);
    expect(dates).toEqual([...dates].sort());
    expect(first.items[0]!.title).toBe("Eau potable : analyses");
    const second = await page("page=2");
    expect(second.items).toHaveLength(8);
    expect(new Set([...first.items, ...second.items].map((item) => item.plannedProcurementId)).size).toBe(33);
    const beyond = await page("page=9");
    expect(beyond).toMatchObject({ page: 2, pageClamped: true });
  });

  it("sorts by date descending, by title in French order, by buyer", async () => {
    const descending = await page("ordre=desc");
    expect(descending.items[0]!.expectedPublicationDate).toBe("2027-11-22");
    const byTitle = await page("tri=titre");
    const titles = byTitle.items.map((item) => item.title);
    expect(titles.slice(0, 3)).toEqual(["Achat lyonnais n° 01", "Achat lyonnais n° 02", "Achat lyonnais n° 03"]);
    const lastPage = await page("tri=titre&page=2");
    const lastTitles = lastPage.items.map((item) => item.title);
    // "Élagage" sorts with the E (after "Eau"), not after "Z" as byte order would put it.
    expect(lastTitles.slice(-5)).toEqual([
      "Ascenseurs : maintenance",
      "Eau potable : analyses",
      "Élagage des arbres d'alignement",
      "Transport scolaire",
      "Zinguerie de la médiathèque",
    ]);
    const byBuyer = await page("tri=acheteur&ordre=desc");
    expect(byBuyer.items[0]!.buyer.name).toBe("Zèbre Habitat");
    expect(byBuyer.items.at(-1)!.buyer.name).toBe("Ville de Lyon-Confluence");
  });

  it("filters by semester, département, région, buyer, category, CPV division", async () => {
    expect((await page("semestre=2027-S2")).total).toBe(2);
    expect((await page("semestre=2027-S1")).total).toBe(31);
    expect((await page("departement=80")).items.map((item) => item.title).sort()).toEqual([
      "Eau potable : analyses",
      "Transport scolaire",
      "Zinguerie de la médiathèque",
    ]);
    expect((await page("region=44")).items.map((item) => item.title)).toEqual(["Ascenseurs : maintenance"]);
    expect((await page("region=84")).total).toBe(29);
    expect((await page("acheteur=agglo-somme")).total).toBe(3);
    expect((await page("categorie=travaux")).total).toBe(14 + 1);
    expect((await page("cpv=45")).total).toBe(14 + 1);
    expect((await page("cpv=60")).items.map((item) => item.title)).toEqual(["Transport scolaire"]);
    expect((await page("departement=69&region=32")).total).toBe(0);
  });

  it("filters reserved contracts and considerations", async () => {
    const reserved = await page("reserve=1");
    expect(reserved.items.map((item) => item.plannedProcurementId)).toEqual([ids.reserved]);
    expect(reserved.items[0]).toMatchObject({
      reserved: "siae",
      hasEnvironmentalConsideration: true,
      hasSocialConsideration: false,
      hasJustification: true,
    });
    expect((await page("consideration=environnementale")).items.map((item) => item.plannedProcurementId)).toEqual([
      ids.reserved,
    ]);
    expect((await page("consideration=sociale")).items.map((item) => item.title)).toEqual([
      "Zinguerie de la médiathèque",
    ]);
  });

  it("ignores an unknown buyer with a notice instead of showing nothing", async () => {
    const selection = await resolveSelection(parsePlanFilters("acheteur=inconnu").filters);
    expect(selection.filters.acheteur).toBeUndefined();
    expect(selection.notices).toEqual([
      "Acheteur « inconnu » ignoré : aucun acheteur public ne porte cet identifiant sur Amont.",
    ]);
    expect((await listPlanItems(selection)).total).toBe(33);
  });

  it("caches pages under the plan's version, and a new edition changes the version", async () => {
    const before = await planVersion();
    expect(await planVersion()).toBe(before);
    const selection = await resolveSelection(parsePlanFilters("departement=80").filters);
    expect(await listPlanItems(selection, before)).toBe(await listPlanItems(selection, before));
    const extra = await createProcurement(somme, {
      title: "Nouvel achat de la Somme",
      expectedPublicationDate: "2027-06-07",
    });
    expect(await planVersion()).toBe(before);
    await publish(somme, S1_2027);
    const after = await planVersion();
    expect(after).not.toBe(before);
    expect((await listPlanItems(selection, after)).items.map((item) => item.plannedProcurementId)).toContain(extra);
  });
});

describe("one planned procurement", () => {
  it("gives the latest snapshot with its buyer, edition, lots and justification", async () => {
    const found = await getPublicItem(ids.reserved!);
    expect(found).toMatchObject({ withdrawn: false, withdrawnIn: null });
    expect(found!.item).toMatchObject({
      title: "Élagage des arbres d'alignement",
      reserved: "siae",
      publicationJustification: "Publication pendant les vacances : la saison d'élagage commence en novembre.",
      departement: "69",
      region: "84",
      lots: [
        { number: 1, title: "Secteur nord", description: null },
        { number: 2, title: "Secteur sud", description: "Quais et parcs" },
      ],
      buyer: { slug: "ville-de-lyon-confluence" },
      edition: { year: 2027, half: 1, number: 1 },
    });
  });

  it("shows a withdrawn item's last published version, with the edition that dropped it", async () => {
    const found = await getPublicItem(ids.withdrawn!);
    expect(found).toMatchObject({
      withdrawn: true,
      item: { title: "Peinture des halls", edition: { number: 1 } },
      withdrawnIn: { number: 2, year: 2027, half: 2 },
    });
  });

  it("knows nothing of drafts, unknown or malformed ids", async () => {
    expect(await getPublicItem(ids.draft!)).toBeNull();
    expect(await getPublicItem("inconnu")).toBeNull();
    expect(await getPublicItem("../../etc/passwd")).toBeNull();
  });
});

describe("a buyer's public page", () => {
  it("lists editions per semester, latest semester and number first, with the latest items", async () => {
    const buyerPage = await getBuyerPublicPage("zebre-habitat");
    expect(buyerPage!.buyer).toMatchObject({ name: "Zèbre Habitat", departement: "67" });
    expect(buyerPage!.semesters).toHaveLength(1);
    const [s2] = buyerPage!.semesters;
    expect(s2).toMatchObject({ key: "2027-S2", label: "2e semestre 2027", itemCount: 1 });
    expect(s2!.editions.map((edition) => [edition.number, edition.isLatest])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(s2!.items.map((item) => item.title)).toEqual(["Ascenseurs : maintenance"]);
    const somme = await getBuyerPublicPage("agglo-somme");
    expect(somme!.semesters.map((semester) => semester.key)).toEqual(["2027-S2", "2027-S1"]);
  });

  it("answers null for unknown slugs and for organisations that are not buyers", async () => {
    expect(await getBuyerPublicPage("personne")).toBeNull();
    expect(await getBuyerPublicPage("Pas un slug!")).toBeNull();
    const supplier = await db.organization.findFirst({ where: { kind: "supplier" } });
    if (supplier) expect(await getBuyerPublicPage(supplier.slug)).toBeNull();
  });
});

describe("filter options and feed freshness", () => {
  it("offers buyers with a published plan, and the CPV divisions, départements and semesters present", async () => {
    const options = await getFilterOptions();
    expect(options.buyers.map((buyer) => buyer.label)).toEqual([
      "Agglomération de la Somme",
      "Ville de Lyon-Confluence",
      "Zèbre Habitat",
    ]);
    expect(options.cpvDivisions.map((division) => division.value)).toEqual(["45", "50", "60", "71", "77"]);
    expect(options.cpvDivisions[0]!.label).toBe("45 – Travaux de construction");
    expect(options.departements).toEqual([
      { value: "67", label: "67 — Bas-Rhin" },
      { value: "69", label: "69 — Rhône" },
      { value: "80", label: "80 — Somme" },
    ]);
    expect(options.semesters).toEqual([
      { value: "2027-S1", label: "1er semestre 2027" },
      { value: "2027-S2", label: "2e semestre 2027" },
    ]);
  });

  it("lists the buyers of the chosen territory, and asks for a territory first when there are too many", async () => {
    const options = await getFilterOptions();
    const filters = (query: string) => parsePlanFilters(query).filters;
    expect(buyerChoices(options, filters("departement=80"))).toEqual([
      { value: "agglo-somme", label: "Agglomération de la Somme" },
    ]);
    expect(buyerChoices(options, filters("region=44"))!.map((buyer) => buyer.value)).toEqual(["zebre-habitat"]);
    expect(buyerChoices(options, filters(""))).toHaveLength(3);
    const many = {
      ...options,
      buyers: Array.from({ length: MAX_BUYER_OPTIONS + 1 }, (_, n) => ({
        value: `a${n}`,
        label: `A${n}`,
        departement: "69",
      })),
    };
    expect(buyerChoices(many, filters(""))).toBeNull();
    expect(buyerChoices(many, filters("region=84"))).toBeNull();
    expect(buyerChoices(many, filters("departement=80"))).toEqual([]);
  });

  it("gives a stable ETag per filters, and Last-Modified the latest edition in scope", async () => {
    const selection = async (query: string) => resolveSelection(parsePlanFilters(query).filters);
    const a = await feedFreshness("ics", await selection("acheteur=zebre-habitat"));
    const again = await feedFreshness("ics", await selection("acheteur=zebre-habitat&tri=titre&page=2"));
    expect(again).toEqual(a);
    expect((await feedFreshness("csv", await selection("acheteur=zebre-habitat"))).etag).not.toBe(a.etag);
    expect((await feedFreshness("ics", await selection("acheteur=agglo-somme"))).etag).not.toBe(a.etag);
    const latest = await db.planEdition.findFirst({ where: { organizationId: strasbourg.id, isLatest: true } });
    expect(a.lastModified?.getTime()).toBe(latest!.publishedAt.getTime());
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const filtersOnly: PlanFilters = parsePlanFilters("semestre=2030-S1").filters;
    expect((await feedFreshness("ics", await resolveSelection(filtersOnly))).lastModified).toBeNull();
  });
});

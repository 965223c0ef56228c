// /plan: the public forward plan, server-rendered (the primary view): filters (GET form), sortable
// table, pagination, and the feeds with the same filters.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicOrigin } from "~/plan/feeds/http.server";
import { describeSelection, hasSelection, parsePlanFilters, planSearch } from "~/plan/filters";
import { formOptions, getFilterOptions, listPlanItems, planVersion, resolveSelection } from "~/plan/public.server";
import { FeedLinks, Notices, Pagination, PlanFiltersForm, PlanTable } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title:
      data && data.page.page > 1
        ? `Achats publics prévus, page ${data.page.page} — Amont`
        : "Achats publics prévus — Amont",
  },
  {
    name: "description",
    content:
      "Les achats que les acheteurs publics prévoient de lancer dans les prochains mois : travaux, fournitures et services, par territoire et par domaine.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parsePlanFilters(url.searchParams);
  const version = await planVersion();
  const selection = await resolveSelection(parsed.filters);
  const [page, options] = await Promise.all([listPlanItems(selection, version), getFilterOptions(version)]);
  const notices = [...parsed.notices, ...selection.notices];
  if (page.pageClamped)
    notices.push(`La page ${selection.filters.page} n'existe pas : voici la dernière page, la ${page.page}.`);
  return {
    filters: { ...selection.filters, page: page.page },
    buyerName: selection.buyer?.name ?? null,
    notices,
    // Only what the table shows goes to the browser.
    page: {
      ...page,
      items: page.items.map(({ responseDeadline: _deadline, edition: _edition, buyer, ...item }) => ({
        ...item,
        buyer: { slug: buyer.slug, name: buyer.name },
      })),
    },
    options: formOptions(options, selection.filters),
    origin: publicOrigin(request),
  };
}

export default function PlanList() {
  const { filters, buyerName, notices, page, options, origin } = useLoaderData<typeof loader>();
  const selection = describeSelection(filters, buyerName);
  const feedSearch = planSearch(filters, {}, { only: "selection" });
  const countText =
    page.total === 0
      ? "Aucun achat prévu ne correspond"
      : page.total === 1
        ? "1 achat prévu"
        : `${page.total.toLocaleString("fr-FR")} achats prévus`;
  return (
    <>
      <h1>Achats publics prévus</h1>
      <p className="lead">
        Ce que les collectivités, hôpitaux et bailleurs sociaux prévoient d'acheter dans les prochains mois, d'après la
        dernière programmation publiée par chacun. Repérez tôt les marchés qui vous intéressent pour préparer votre
        réponse.
      </p>
      <Notices notices={notices} />
      <PlanFiltersForm action="/plan" filters={filters} options={options} buyerName={buyerName} />

      <section aria-labelledby="resultats-titre">
        <h2 id="resultats-titre">
          {countText}
          {selection.length ? <span className="muted"> — {selection.join(" · ")}</span> : null}
        </h2>
        <p className="actions">
          <Link to={`/plan/calendrier${feedSearch}`}>Voir ces achats sur un calendrier</Link>
          {hasSelection(filters) ? <Link to="/plan">Voir tous les achats prévus</Link> : null}
        </p>
        {page.items.length > 0 ? (
          <PlanTable path="/plan" filters={filters} page={page} countText={countText} />
        ) : (
          <p>
            Aucun achat prévu ne correspond à ces critères dans les programmations publiées. Essayez d'élargir la
            recherche (un autre semestre, toute la région) ou <Link to="/plan">affichez tous les achats prévus</Link>.
          </p>
        )}
        <Pagination
          page={page.page}
          pageCount={page.pageCount}
          href={(n) => `/plan${planSearch(filters, { page: n })}`}
        />
      </section>

      <FeedLinks search={feedSearch} origin={origin}>
        <p>
          Les abonnements reprennent les filtres choisis ci-dessus{selection.length ? ` (${selection.join(", ")})` : ""}
          .
        </p>
      </FeedLinks>
    </>
  );
}

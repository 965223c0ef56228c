// GET /sitemap.xml: the public pages, for search engines (robots.txt points here). Only what anyone
// may read: the plan and its published procurements, the buyers that publish one, published events
// and questionnaires, the verified relays' pages, the legal pages, the ledger's state and
// verification pages. Account, back-office and admin pages never appear.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publishedEventPages } from "~/meetings/public.server";
import { publicOrigin } from "~/plan/feeds/http.server";
import { publicPlanPages } from "~/plan/public.server";
import { listPublicRelays } from "~/relay/relays.server";
import { publishedQuestionnairePages } from "~/sourcing/responses.server";
import { latestOf, sitemapXml, type SitemapEntry } from "~/ui/sitemap";

export async function loader({ request }: LoaderFunctionArgs) {
  const [plan, events, questionnaires, relays] = await Promise.all([
    publicPlanPages(),
    publishedEventPages(),
    publishedQuestionnairePages(),
    listPublicRelays(),
  ]);
  const entries: SitemapEntry[] = [
    { path: "/" },
    { path: "/plan", lastModified: plan.lastPublishedAt },
    { path: "/plan/calendrier", lastModified: plan.lastPublishedAt },
    { path: "/evenements", lastModified: latestOf(events.map((event) => event.updatedAt)) },
    { path: "/sourcing", lastModified: latestOf(questionnaires.map((questionnaire) => questionnaire.changedAt)) },
    { path: "/relais", lastModified: latestOf(relays.map((relay) => relay.updatedAt)) },
    { path: "/accessibilite" },
    { path: "/mentions-legales" },
    { path: "/confidentialite" },
    { path: "/contact" },
    { path: "/registre/etat" },
    { path: "/registre/verifier" },
    ...plan.items.map((item) => ({ path: `/plan/${item.plannedProcurementId}`, lastModified: item.publishedAt })),
    ...plan.buyers.map((buyer) => ({ path: `/acheteurs/${buyer.slug}`, lastModified: buyer.publishedAt })),
    ...events.map((event) => ({ path: `/evenements/${event.id}`, lastModified: event.updatedAt })),
    // A relay's page changes with its buyers' editions too: no date rather than a wrong one.
    ...relays.map((relay) => ({ path: `/relais/${relay.slug}` })),
    ...questionnaires.map((questionnaire) => ({
      path: `/sourcing/${questionnaire.id}`,
      lastModified: questionnaire.changedAt,
    })),
  ];
  return new Response(sitemapXml(publicOrigin(request), entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}

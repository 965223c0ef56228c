import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateFr, formatShortDateFr, todayInParis } from "~/calendar/dates";
import { formatInstantDay } from "~/calendar/format";
import { requireBuyerMember } from "~/plan/access.server";
import { semesterStatuses } from "~/plan/editions.server";
import { verificationNotice } from "~/organizations/verification";
import { groupBySemester, listPlannedProcurements } from "~/plan/plan.server";
import { relaysFollowingBuyer } from "~/relay/relays.server";
import { FollowingRelays } from "~/relay/ui";
import { PROCEDURES, STATUSES, labelOf, nextSemester, semesterKey, semesterLabel, semesterOf } from "~/plan/vocabulary";

export const meta: MetaFunction = () => [{ title: "Ma programmation — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  const items = await listPlannedProcurements(organization.id);
  const groups = groupBySemester(items);
  // Always show the current and the next semester, even when empty, so that planning starts there.
  const current = semesterOf(todayInParis());
  const wanted = new Map(groups.map((group) => [group.key, group.semester]));
  for (const semester of [current, nextSemester(current)])
    if (!wanted.has(semesterKey(semester))) wanted.set(semesterKey(semester), semester);
  const statuses = new Map(
    (await semesterStatuses(organization.id, [...wanted.values()])).map((status) => [status.key, status]),
  );
  const sections = [...wanted.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, semester]) => {
      const status = statuses.get(key)!;
      return {
        key,
        label: semesterLabel(semester),
        latest: status.latest
          ? {
              number: status.latest.number,
              publishedAt: status.latest.publishedAt.toISOString(),
              itemCount: status.latest.itemCount,
            }
          : null,
        publishableCount: status.publishableCount,
        hasUnpublishedChanges: status.hasUnpublishedChanges,
        items: (groups.find((group) => group.key === key)?.items ?? []).map((item) => ({
          id: item.id,
          title: item.title,
          reference: item.reference,
          status: item.status,
          statusLabel: labelOf(STATUSES, item.status),
          procedure: labelOf(PROCEDURES, item.procedure),
          expectedPublicationDate: item.expectedPublicationDate,
          responseDeadline: item.responseDeadline,
          justified: Boolean(item.publicationJustification || item.deadlineJustification),
          lots: item._count.lots,
        })),
      };
    });
  return {
    organization: { name: organization.name, slug: organization.slug },
    verification: verificationNotice(organization),
    sections,
    relays: await relaysFollowingBuyer(organization),
  };
}

const STATUS_BADGE: Record<string, string> = {
  draft: "badge--muted",
  abandoned: "badge--error",
  published: "badge--success",
  awarded: "badge--success",
};

export default function BuyerPlan() {
  const { organization, verification, sections, relays } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Ma programmation</h1>
      {verification ? <p className="notice notice--warning">{verification}</p> : null}
      <p className="lead">
        Les achats que {organization.name} prévoit de lancer, semestre par semestre. Ils restent privés jusqu'à ce que
        vous publiiez l'édition de leur semestre ; les brouillons et les achats retirés n'y figurent jamais.
      </p>
      <p className="actions">
        <Link className="button" to="/acheteur/achats/nouveau">
          Ajouter un achat prévu
        </Link>
        <Link to="/acheteur/programmation">Publier une édition</Link>
        <Link to="/acheteur/calendrier">Dates bloquées de votre organisation</Link>
        <Link to="/territoire">Lancements prévus sur le territoire</Link>
      </p>
      <FollowingRelays relays={relays} subject="Votre programmation publiée" />
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`semestre-${section.key}`}>
          <h2 id={`semestre-${section.key}`}>{section.label}</h2>
          <p>
            {section.latest
              ? `Dernière édition publiée : n° ${section.latest.number}, le ${formatInstantDay(section.latest.publishedAt)} (${section.latest.itemCount} achat${section.latest.itemCount > 1 ? "s" : ""}).`
              : "Aucune édition publiée pour ce semestre."}{" "}
            {section.hasUnpublishedChanges ? <span className="badge">Modifications non publiées</span> : null}
          </p>
          {section.items.length === 0 ? (
            <p className="muted">Aucun achat prévu pour ce semestre.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Achats prévus, {section.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Achat</th>
                  <th scope="col">Publication prévue</th>
                  <th scope="col">Date limite de réponse</th>
                  <th scope="col">Procédure</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {section.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={`/acheteur/achats/${item.id}`}>{item.title}</Link>
                      {item.reference ? <span className="muted"> ({item.reference})</span> : null}
                      {item.lots > 0 ? (
                        <span className="muted">
                          {" "}
                          · {item.lots} lot{item.lots > 1 ? "s" : ""}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <span title={formatDateFr(item.expectedPublicationDate)}>
                        {formatShortDateFr(item.expectedPublicationDate)}
                      </span>
                      {item.justified ? <span className="muted"> (date justifiée)</span> : null}
                    </td>
                    <td>
                      {item.responseDeadline ? (
                        formatShortDateFr(item.responseDeadline)
                      ) : (
                        <span className="muted">à préciser</span>
                      )}
                    </td>
                    <td>{item.procedure}</td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[item.status] ?? ""}`}>{item.statusLabel}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {section.publishableCount > 0 || section.latest ? (
            <p>
              <Link
                className={section.hasUnpublishedChanges ? "button" : "button button--secondary"}
                to={`/acheteur/programmation?semestre=${section.key}`}
              >
                Publier la programmation du {section.label}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

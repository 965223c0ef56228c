// /acheteurs/:slug/editions/:semester/:number: one published edition of a buyer's semester plan,
// what changed since the previous edition (added, moved, modified, withdrawn), and its content.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadEditionWithDiff } from "~/plan/editions.server";
import { editionNumbers, findPublicBuyer } from "~/plan/public.server";
import { CATEGORIES, labelOf, parseSemesterKey, semesterKey, semesterLabel } from "~/plan/vocabulary";
import { notFound } from "~/ui/not-found.server";
import { DateText, formatInstant } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `Édition n° ${data.edition.number} du ${semesterLabel(data.semester)} — ${data.buyer.name} — Amont` }]
    : [{ title: "Édition introuvable — Amont" }];

const EDITION_NOT_FOUND_MESSAGE = "Cette édition de programmation n'existe pas.";

export async function loader({ params }: LoaderFunctionArgs) {
  const buyer = await findPublicBuyer(params.slug ?? "");
  const semester = parseSemesterKey(params.semester ?? "");
  const number = /^[1-9]\d{0,5}$/.test(params.number ?? "") ? Number(params.number) : null;
  if (!buyer || !semester || number === null) notFound(EDITION_NOT_FOUND_MESSAGE);
  const loaded = await loadEditionWithDiff(buyer.id, semester.year, semester.half, number);
  if (!loaded) notFound(EDITION_NOT_FOUND_MESSAGE);
  const numbers = await editionNumbers(buyer.id, semester);
  const strip = <
    T extends { plannedProcurementId: string; title: string; expectedPublicationDate: string; category: string },
  >(
    item: T,
  ) => ({
    plannedProcurementId: item.plannedProcurementId,
    title: item.title,
    expectedPublicationDate: item.expectedPublicationDate,
    category: item.category,
  });
  const { edition, items, diff, previousNumber } = loaded;
  return {
    buyer: { slug: buyer.slug, name: buyer.name },
    semester,
    edition: {
      number: edition.number,
      publishedAt: edition.publishedAt,
      itemCount: edition.itemCount,
      contentHash: edition.contentHash,
      isLatest: edition.isLatest,
    },
    previousNumber,
    latestNumber: numbers[numbers.length - 1] ?? edition.number,
    nextNumber: numbers.find((n) => n > edition.number) ?? null,
    items: items.map(strip),
    diff: {
      added: diff.added.map(strip),
      moved: diff.moved.map((moved) => ({
        ...strip(moved.item),
        from: moved.from,
        to: moved.to,
        fields: moved.fields,
      })),
      modified: diff.modified.map((modified) => ({ ...strip(modified.item), fields: modified.fields })),
      withdrawn: diff.withdrawn.map(strip),
      unchanged: diff.unchanged,
    },
  };
}

function ItemLink({ item }: { item: { plannedProcurementId: string; title: string } }) {
  return <Link to={`/plan/${item.plannedProcurementId}`}>{item.title}</Link>;
}

export default function EditionPage() {
  const { buyer, semester, edition, previousNumber, latestNumber, nextNumber, items, diff } =
    useLoaderData<typeof loader>();
  const key = semesterKey(semester);
  const base = `/acheteurs/${buyer.slug}/editions/${key}`;
  const changeCount = diff.added.length + diff.moved.length + diff.modified.length + diff.withdrawn.length;
  return (
    <>
      <p className="muted">
        <Link to="/plan">Achats publics prévus</Link> › <Link to={`/acheteurs/${buyer.slug}`}>{buyer.name}</Link> ›{" "}
        {semesterLabel(semester)}
      </p>
      <h1>
        Programmation du {semesterLabel(semester)} : édition n° {edition.number}
      </h1>
      <p className="lead">
        {buyer.name} — publiée le {formatInstant(edition.publishedAt)}, {edition.itemCount} achat
        {edition.itemCount > 1 ? "s" : ""} prévu
        {edition.itemCount > 1 ? "s" : ""}.
      </p>
      {!edition.isLatest ? (
        <div className="notice" role="status">
          <p>
            Cette édition a été remplacée. La programmation en vigueur est l'
            <Link to={`${base}/${latestNumber}`}>édition n° {latestNumber}</Link>.
          </p>
        </div>
      ) : null}
      <nav aria-label="Autres éditions du semestre" className="actions">
        {previousNumber ? <Link to={`${base}/${previousNumber}`}>← Édition n° {previousNumber}</Link> : null}
        {nextNumber ? <Link to={`${base}/${nextNumber}`}>Édition n° {nextNumber} →</Link> : null}
        <Link to={`/acheteurs/${buyer.slug}`}>Toutes les éditions</Link>
      </nav>

      <section aria-labelledby="changements">
        <h2 id="changements">
          {previousNumber ? `Ce qui a changé depuis l'édition n° ${previousNumber}` : "Première édition du semestre"}
        </h2>
        {!previousNumber ? (
          <p>C'est la première programmation publiée pour ce semestre : tous ses achats sont nouveaux.</p>
        ) : changeCount === 0 ? (
          <p>Aucun changement.</p>
        ) : (
          <>
            {diff.added.length > 0 ? (
              <>
                <h3>
                  Ajouté{diff.added.length > 1 ? "s" : ""} ({diff.added.length})
                </h3>
                <ul className="diff-list diff-list--added">
                  {diff.added.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <ItemLink item={item} /> — publication prévue le <DateText iso={item.expectedPublicationDate} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {diff.moved.length > 0 ? (
              <>
                <h3>
                  Déplacé{diff.moved.length > 1 ? "s" : ""} ({diff.moved.length})
                </h3>
                <ul className="diff-list diff-list--moved">
                  {diff.moved.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <ItemLink item={item} /> — publication prévue le{" "}
                      <del>
                        <DateText iso={item.from} />
                      </del>{" "}
                      <span className="visually-hidden">déplacée au</span>
                      <span aria-hidden="true">→</span>{" "}
                      <ins>
                        <DateText iso={item.to} />
                      </ins>
                      {item.fields.length ? (
                        <span className="muted"> ; modifié aussi : {item.fields.join(", ").toLowerCase()}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {diff.modified.length > 0 ? (
              <>
                <h3>
                  Modifié{diff.modified.length > 1 ? "s" : ""} ({diff.modified.length})
                </h3>
                <ul className="diff-list diff-list--modified">
                  {diff.modified.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <ItemLink item={item} /> — {item.fields.join(", ").toLowerCase()}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {diff.withdrawn.length > 0 ? (
              <>
                <h3>
                  Retiré{diff.withdrawn.length > 1 ? "s" : ""} ({diff.withdrawn.length})
                </h3>
                <p className="muted">Abandonnés, remis à l'étude ou déplacés à un autre semestre.</p>
                <ul className="diff-list diff-list--withdrawn">
                  {diff.withdrawn.map((item) => (
                    <li key={item.plannedProcurementId}>
                      <ItemLink item={item} /> — était prévu le <DateText iso={item.expectedPublicationDate} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {diff.unchanged > 0 ? (
              <p className="muted">
                {diff.unchanged} achat{diff.unchanged > 1 ? "s" : ""} sans changement.
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="contenu-edition">
        <h2 id="contenu-edition">Achats de cette édition</h2>
        {items.length > 0 ? (
          <table>
            <caption className="visually-hidden">
              Achats prévus de l'édition n° {edition.number}, par date de publication prévue
            </caption>
            <thead>
              <tr>
                <th scope="col">Publication prévue</th>
                <th scope="col">Achat</th>
                <th scope="col">Catégorie</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.plannedProcurementId}>
                  <td>
                    <DateText iso={item.expectedPublicationDate} />
                  </td>
                  <td>
                    <ItemLink item={item} />
                  </td>
                  <td>{labelOf(CATEGORIES, item.category)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>
            Cette édition ne contient aucun achat : l'acheteur a retiré tout ce qu'il avait annoncé pour ce semestre.
          </p>
        )}
        <p className="muted">
          Empreinte SHA-256 du contenu de l'édition : <code className="hash">{edition.contentHash}</code>. Une édition
          publiée n'est jamais modifiée.
        </p>
      </section>
    </>
  );
}

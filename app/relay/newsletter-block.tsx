// The newsletter block's HTML: a fragment a relay pastes into its own newsletter tool. Written for
// mail clients (Outlook's Word engine included): layout tables with presentation role, inline styles
// only (no <style>, no class), no script, no image, web-safe fonts, absolute links, at most 600
// pixels wide. Rendered to static markup by newsletter.server.ts; checked by tests/relay/newsletter.test.ts.
import type { CSSProperties, ReactNode } from "react";
import { NBSP, colors } from "../../emails/layout";
import { formatDateFr } from "~/calendar/format";
import {
  itemBuyer,
  itemWhen,
  newsletterIntro,
  newsletterTitle,
  type NewsletterData,
  type NewsletterItem,
} from "./newsletter";

const font = "Arial, Helvetica, sans-serif";

const styles = {
  table: { width: "100%", maxWidth: "600px", borderCollapse: "collapse", fontFamily: font, color: colors.text },
  title: { margin: "0 0 8px", fontSize: "22px", lineHeight: "28px", fontWeight: 700, color: colors.brand },
  intro: { margin: "0 0 16px", fontSize: "15px", lineHeight: "22px", color: colors.text },
  heading: {
    margin: "20px 0 8px",
    paddingBottom: "4px",
    borderBottom: `2px solid ${colors.brand}`,
    fontSize: "17px",
    lineHeight: "24px",
    fontWeight: 700,
    color: colors.text,
  },
  cell: { padding: "8px 0", borderBottom: `1px solid ${colors.border}`, verticalAlign: "top" },
  itemTitle: { margin: "0 0 2px", fontSize: "15px", lineHeight: "21px", fontWeight: 700 },
  link: { color: colors.brand, textDecoration: "underline" },
  line: { margin: "0", fontSize: "14px", lineHeight: "20px", color: colors.text },
  muted: { margin: "0", fontSize: "13px", lineHeight: "19px", color: colors.muted },
  mark: { fontSize: "12px", fontWeight: 700, color: "#8a4b00" },
  footer: { margin: "16px 0 0", fontSize: "13px", lineHeight: "19px", color: colors.muted },
} satisfies Record<string, CSSProperties>;

function Heading({ children }: { children: ReactNode }) {
  return (
    <tr>
      <td>
        <h2 style={styles.heading}>{children}</h2>
      </td>
    </tr>
  );
}

function Row({ children }: { children: ReactNode }) {
  return (
    <tr>
      <td style={styles.cell}>{children}</td>
    </tr>
  );
}

function Item({ item }: { item: NewsletterItem }) {
  return (
    <Row>
      <p style={styles.itemTitle}>
        {item.highlighted ? <span style={styles.mark}>MIS EN AVANT · </span> : null}
        <a href={item.url} style={styles.link}>
          {item.title}
        </a>
      </p>
      <p style={styles.line}>{itemBuyer(item)}</p>
      <p style={styles.line}>
        {itemWhen(item)} · {item.facts}
      </p>
      {item.reserved ? <p style={styles.line}>{item.reserved}</p> : null}
      {item.change ? <p style={styles.line}>{item.change}</p> : null}
      <p style={styles.muted}>
        Source{NBSP}: {item.source}
      </p>
    </Row>
  );
}

export function NewsletterBlock({ data }: { data: NewsletterData }) {
  const nothing = data.added.length + data.changed.length === 0;
  return (
    <table role="presentation" width="600" cellPadding={0} cellSpacing={0} border={0} style={styles.table}>
      <tbody>
        <tr>
          <td>
            <h1 style={styles.title}>{newsletterTitle(data)}</h1>
            <p style={styles.intro}>{newsletterIntro(data)}</p>
          </td>
        </tr>
        {data.added.length ? <Heading>Nouveaux achats prévus ({data.added.length})</Heading> : null}
        {data.added.map((item) => (
          <Item key={item.plannedProcurementId} item={item} />
        ))}
        {data.changed.length ? <Heading>Achats prévus modifiés ({data.changed.length})</Heading> : null}
        {data.changed.map((item) => (
          <Item key={item.plannedProcurementId} item={item} />
        ))}
        {nothing ? (
          <Row>
            <p style={styles.line}>Aucun achat prévu nouveau ou modifié sur la période.</p>
          </Row>
        ) : null}
        {data.more > 0 ? (
          <Row>
            <p style={styles.line}>
              Et {data.more} autre{data.more > 1 ? "s" : ""} sur{" "}
              <a href={data.relay.pageUrl} style={styles.link}>
                la page du réseau
              </a>
              .
            </p>
          </Row>
        ) : null}
        {data.withdrawn.length ? <Heading>Retirés de la programmation ({data.withdrawn.length})</Heading> : null}
        {data.withdrawn.map((item) => (
          <Row key={item.url}>
            <p style={styles.line}>
              <a href={item.url} style={styles.link}>
                {item.title}
              </a>{" "}
              — {item.buyer}
            </p>
          </Row>
        ))}
        {data.events.length ? <Heading>Événements à venir ({data.events.length})</Heading> : null}
        {data.events.map((event) => (
          <Row key={event.url}>
            <p style={styles.itemTitle}>
              <a href={event.url} style={styles.link}>
                {event.title}
              </a>
            </p>
            <p style={styles.line}>{event.facts}</p>
            <p style={styles.muted}>Organisé par {event.organizer}</p>
          </Row>
        ))}
        {data.questionnaires.length ? (
          <Heading>Questionnaires de sourcing ouverts ({data.questionnaires.length})</Heading>
        ) : null}
        {data.questionnaires.map((questionnaire) => (
          <Row key={questionnaire.url}>
            <p style={styles.itemTitle}>
              <a href={questionnaire.url} style={styles.link}>
                {questionnaire.title}
              </a>
            </p>
            <p style={styles.line}>
              {questionnaire.buyer} · pour l'achat prévu «{NBSP}
              {questionnaire.procurement}
              {NBSP}»
            </p>
            <p style={styles.muted}>Réponses jusqu'au {formatDateFr(questionnaire.openUntil)}</p>
          </Row>
        ))}
        <tr>
          <td>
            <p style={styles.footer}>
              <a href={data.relay.pageUrl} style={styles.link}>
                Toute la programmation relayée par {data.relay.name}
              </a>
              . Source{NBSP}: programmations publiées par les acheteurs publics sur Amont.
            </p>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

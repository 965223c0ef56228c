// Pieces shared by the alert emails (immediate and weekly): the lists of matching items, and the
// footer that says why the message came and how to stop it in one click. Kept to plain paragraphs
// and links: a digest can list many items, and thousands of digests are rendered in one run. Section
// titles are bold paragraphs rather than headings, whose plain text html-to-text writes in capitals.
import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import { colors, NBSP, note, paragraph } from "./layout";

export interface AlertProcurementItem {
  title: string;
  buyerName: string;
  /** "Nouveau", "Modifié : date limite de réponse", "Date déplacée au 15 mars 2027". */
  change: string;
  /** "Publication prévue le lundi 15 mars 2027". */
  when: string;
  url: string;
}

export interface AlertQuestionnaireItem {
  title: string;
  buyerName: string;
  /** "Réponses jusqu'au vendredi 11 décembre 2026". */
  deadline: string;
  url: string;
}

export interface AlertEventItem {
  title: string;
  organizerName: string;
  /** "Salon inversé, mardi 8 décembre 2026, de 09:00 à 12:30". */
  when: string;
  place: string;
  url: string;
}

export interface AlertItemsProps {
  procurements: AlertProcurementItem[];
  questionnaires: AlertQuestionnaireItem[];
  events: AlertEventItem[];
  /** Matching items left out of the message (it lists a bounded number). */
  moreCount: number;
}

export interface AlertFooterProps {
  alertName: string;
  /** The supplier's alerts page. */
  alertsUrl: string;
  /** Stops this alert in one click (also in the List-Unsubscribe header). A secret link. */
  unsubscribeUrl: string;
}

const subheading = { color: colors.text, fontSize: "18px", fontWeight: 700, lineHeight: "26px", margin: "24px 0 8px" };
const item = { ...paragraph, margin: "0 0 12px" };

export function alertItemCount({ procurements, questionnaires, events, moreCount }: AlertItemsProps): number {
  return procurements.length + questionnaires.length + events.length + moreCount;
}

export function AlertItems({ procurements, questionnaires, events, moreCount }: AlertItemsProps) {
  return (
    <>
      {procurements.length > 0 ? (
        <>
          <Text style={subheading}>Achats prévus</Text>
          {procurements.map((procurement) => (
            <Text key={procurement.url} style={item}>
              <Link href={procurement.url} style={{ color: colors.brand }}>
                {procurement.title}
              </Link>
              <br />
              {`${procurement.buyerName} — ${procurement.change}`}
              <br />
              {procurement.when}
            </Text>
          ))}
        </>
      ) : null}
      {questionnaires.length > 0 ? (
        <>
          <Text style={subheading}>Questionnaires ouverts</Text>
          {questionnaires.map((questionnaire) => (
            <Text key={questionnaire.url} style={item}>
              <Link href={questionnaire.url} style={{ color: colors.brand }}>
                {questionnaire.title}
              </Link>
              <br />
              {`${questionnaire.buyerName} — ${questionnaire.deadline}`}
            </Text>
          ))}
        </>
      ) : null}
      {events.length > 0 ? (
        <>
          <Text style={subheading}>Événements</Text>
          {events.map((event) => (
            <Text key={event.url} style={item}>
              <Link href={event.url} style={{ color: colors.brand }}>
                {event.title}
              </Link>
              <br />
              {`${event.organizerName} — ${event.when}`}
              <br />
              {`Où${NBSP}: ${event.place}`}
            </Text>
          ))}
        </>
      ) : null}
      {moreCount > 0 ? (
        <Text style={paragraph}>
          {`Et ${moreCount} autre${moreCount > 1 ? "s" : ""} élément${moreCount > 1 ? "s" : ""} qui correspond${moreCount > 1 ? "ent" : ""} à votre alerte${NBSP}: retrouvez-les sur Amont.`}
        </Text>
      ) : null}
    </>
  );
}

export function AlertFooter({ alertName, alertsUrl, unsubscribeUrl }: AlertFooterProps) {
  return (
    <>
      <Text style={note}>
        {`Vous recevez ce message parce que vous avez créé l’alerte «${NBSP}${alertName}${NBSP}» sur Amont. `}
        <Link href={alertsUrl} style={{ color: colors.brand }}>
          Modifier mes alertes
        </Link>
      </Text>
      <Text style={note}>
        {`Ne plus recevoir cette alerte${NBSP}: `}
        <Link href={unsubscribeUrl} style={{ color: colors.brand }}>
          se désabonner en un clic
        </Link>
      </Text>
    </>
  );
}

export const SAMPLE_ITEMS: AlertItemsProps = {
  procurements: [
    {
      title: "Rénovation des menuiseries de l’école Jean-Moulin",
      buyerName: "Métropole Rhône-Confluence",
      change: "Nouveau",
      when: "Publication prévue le lundi 15 mars 2027",
      url: "https://amont.example.fr/plan/exemple-1",
    },
    {
      title: "Mobilier des médiathèques",
      buyerName: "Métropole Rhône-Confluence",
      change: "Date déplacée (était le jeudi 4 mars 2027)",
      when: "Publication prévue le jeudi 8 avril 2027",
      url: "https://amont.example.fr/plan/exemple-2",
    },
  ],
  questionnaires: [
    {
      title: "Menuiseries bois : connaître le marché local",
      buyerName: "Métropole Rhône-Confluence",
      deadline: "Réponses jusqu’au vendredi 11 décembre 2026",
      url: "https://amont.example.fr/sourcing/exemple",
    },
  ],
  events: [
    {
      title: "Salon inversé du bâtiment",
      organizerName: "Métropole Rhône-Confluence",
      when: "Salon inversé, mardi 8 décembre 2026, de 09:00 à 12:30",
      place: "Hôtel de la Métropole, Lyon",
      url: "https://amont.example.fr/evenements/exemple",
    },
  ],
  moreCount: 0,
};

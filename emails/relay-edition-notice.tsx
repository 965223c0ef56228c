import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import { CallToAction, colors, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface RelayNoticeItem {
  title: string;
  /** "Publication prévue le lundi 15 mars 2027", "Déplacé du 4 mars au 8 avril 2027", "Modifié : montant estimé". */
  detail: string;
  /** Absent for a withdrawn item (its page is no longer public). */
  url: string | null;
}

export interface RelayEditionNoticeProps {
  relayName: string;
  buyerName: string;
  /** "1er semestre 2027". */
  semesterLabel: string;
  editionNumber: number;
  /** "2 ajoutés, 1 déplacé, 1 retiré". */
  summary: string;
  added: RelayNoticeItem[];
  moved: RelayNoticeItem[];
  modified: RelayNoticeItem[];
  withdrawn: RelayNoticeItem[];
  /** Changes left out of the message (it lists a bounded number). */
  moreCount: number;
  editionUrl: string;
  /** The member's choice on the relay's page (/organisations/:id/relais#avis). */
  settingsUrl: string;
  /** Stops these notices for this member and relay in one click (also in the List-Unsubscribe header). A secret link. */
  unsubscribeUrl: string;
}

export function subject({ buyerName, editionNumber, semesterLabel }: RelayEditionNoticeProps): string {
  return `${buyerName} a publié l’édition n°${NBSP}${editionNumber} de sa programmation du ${semesterLabel}`;
}

export const PreviewProps = {
  relayName: "CCI Rhône-Confluence",
  buyerName: "Métropole Rhône-Confluence",
  semesterLabel: "1er semestre 2027",
  editionNumber: 2,
  summary: "1 ajouté, 1 déplacé, 1 modifié, 1 retiré",
  added: [
    {
      title: "Mobilier de bureau issu du réemploi",
      detail: "Publication prévue le lundi 15 mars 2027",
      url: "https://amont.example.fr/plan/exemple-1",
    },
  ],
  moved: [
    {
      title: "Entretien des espaces verts des parcs métropolitains",
      detail: "Déplacé du lundi 8 mars 2027 au lundi 12 avril 2027",
      url: "https://amont.example.fr/plan/exemple-2",
    },
  ],
  modified: [
    {
      title: "Nettoyage des locaux de l’hôtel de la Métropole",
      detail: "Modifié : montant estimé",
      url: "https://amont.example.fr/plan/exemple-3",
    },
  ],
  withdrawn: [{ title: "Impression des supports de communication", detail: "Retiré de la programmation", url: null }],
  moreCount: 0,
  editionUrl: "https://amont.example.fr/acheteurs/metropole-rhone-confluence/editions/2027-S1/2",
  settingsUrl: "https://amont.example.fr/organisations/exemple/relais#avis",
  unsubscribeUrl: "https://amont.example.fr/relais/desabonnement/exemple",
} satisfies RelayEditionNoticeProps;

const sectionTitle = { ...paragraph, fontWeight: 700, margin: "20px 0 8px" };
const line = { ...paragraph, margin: "0 0 10px" };

function Section({ title, items }: { title: string; items: RelayNoticeItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <Text style={sectionTitle}>{title}</Text>
      {items.map((item) => (
        <Text key={`${title}-${item.title}-${item.detail}`} style={line}>
          {item.url ? (
            <Link href={item.url} style={{ color: colors.brand }}>
              {item.title}
            </Link>
          ) : (
            item.title
          )}
          <br />
          {item.detail}
        </Text>
      ))}
    </>
  );
}

/** What changed in one edition of a buyer the relay follows: the same words for every member, but for their own unsubscribe link. */
export default function RelayEditionNotice(props: RelayEditionNoticeProps) {
  return (
    <EmailLayout
      preview={`Édition n°${NBSP}${props.editionNumber}${NBSP}: ${props.summary}.`}
      heading="Un acheteur que vous suivez a publié sa programmation"
    >
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${props.buyerName} a publié l’édition n°${NBSP}${props.editionNumber} de sa programmation du ${props.semesterLabel}${NBSP}: ${props.summary}. De quoi prévenir les entreprises de votre réseau qui pourraient y répondre.`}
      </Text>
      <Section title="Ajoutés" items={props.added} />
      <Section title="Déplacés" items={props.moved} />
      <Section title="Modifiés" items={props.modified} />
      <Section title="Retirés" items={props.withdrawn} />
      {props.moreCount > 0 ? (
        <Text style={paragraph}>
          {`Et ${props.moreCount} autre${props.moreCount > 1 ? "s" : ""} changement${props.moreCount > 1 ? "s" : ""}${NBSP}: voyez l’édition complète.`}
        </Text>
      ) : null}
      <CallToAction href={props.editionUrl} label="Voir l’édition et ses changements" />
      <Text style={note}>
        {`Vous recevez ce message parce que vous êtes membre de ${props.relayName}, qui suit cet acheteur sur Amont. `}
        <Link href={props.settingsUrl} style={{ color: colors.brand }}>
          Choisir de recevoir ou non ces messages
        </Link>
      </Text>
      <Text style={note}>
        {`Ne plus recevoir un e-mail à chaque nouvelle édition d’un plan suivi par ${props.relayName}${NBSP}: `}
        <Link href={props.unsubscribeUrl} style={{ color: colors.brand }}>
          se désabonner en un clic
        </Link>
      </Text>
    </EmailLayout>
  );
}

RelayEditionNotice.PreviewProps = PreviewProps;

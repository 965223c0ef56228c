import { Text } from "@react-email/text";
import { EventSummary, IcsNote, SAMPLE_EVENT } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";
import type { RegistrationConfirmedProps } from "./registration-confirmed";

export type RegistrationPromotedProps = RegistrationConfirmedProps;

export function subject({ eventTitle }: RegistrationPromotedProps): string {
  return `Une place s’est libérée${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  attendeeName: "Sami Benali",
  joinUrl: null,
  joinLinkWhen: "lundi 7 décembre 2026 à 12:30",
  registrationUrl: "https://amont.example.fr/evenements/exemple/inscription",
} satisfies RegistrationPromotedProps;

export default function RegistrationPromoted(props: RegistrationPromotedProps) {
  const { attendeeName, joinUrl, joinLinkWhen, registrationUrl } = props;
  return (
    <EmailLayout
      preview={`Vous passez de la liste d’attente aux inscrits de ${props.eventTitle}.`}
      heading="Une place s’est libérée pour vous"
    >
      <Text style={paragraph}>{`Bonjour ${attendeeName},`}</Text>
      <Text style={paragraph}>
        Une place s’est libérée : vous étiez le premier sur la liste d’attente, votre inscription est maintenant
        confirmée.
      </Text>
      <EventSummary {...props} />
      {joinUrl ? (
        <>
          <Text style={paragraph}>Le lien de connexion a déjà été envoyé aux inscrits ; le voici :</Text>
          <CallToAction href={joinUrl} label="Rejoindre la réunion" />
        </>
      ) : (
        <Text style={paragraph}>
          {`Le lien de connexion sera envoyé à tous les inscrits en même temps${joinLinkWhen ? `, le ${joinLinkWhen}` : ""}.`}
        </Text>
      )}
      <IcsNote />
      <Text
        style={note}
      >{`Vous ne pouvez plus venir${NBSP}? Annulez pour laisser la place à la personne suivante${NBSP}: ${registrationUrl}`}</Text>
    </EmailLayout>
  );
}

RegistrationPromoted.PreviewProps = PreviewProps;

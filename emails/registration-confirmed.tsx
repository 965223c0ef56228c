import { Text } from "@react-email/text";
import { EventSummary, IcsNote, SAMPLE_EVENT, type EventSummaryProps } from "./event-parts";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface RegistrationConfirmedProps extends EventSummaryProps {
  attendeeName: string;
  /** The join link, once it has been sent to everyone (otherwise it comes later, to all at once). */
  joinUrl: string | null;
  /** When the join link will be sent, if not yet. */
  joinLinkWhen: string | null;
  registrationUrl: string;
}

export function subject({ eventTitle }: RegistrationConfirmedProps): string {
  return `Inscription confirmée${NBSP}: ${eventTitle}`;
}

export const PreviewProps = {
  ...SAMPLE_EVENT,
  attendeeName: "Sami Benali",
  joinUrl: null,
  joinLinkWhen: "lundi 7 décembre 2026 à 12:30",
  registrationUrl: "https://amont.example.fr/evenements/exemple/inscription",
} satisfies RegistrationConfirmedProps;

export default function RegistrationConfirmed(props: RegistrationConfirmedProps) {
  const { attendeeName, joinUrl, joinLinkWhen, registrationUrl } = props;
  return (
    <EmailLayout
      preview={`Votre place est réservée pour ${props.eventTitle}.`}
      heading="Votre inscription est confirmée"
    >
      <Text style={paragraph}>{`Bonjour ${attendeeName},`}</Text>
      <Text style={paragraph}>Votre place est réservée.</Text>
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
      >{`Un empêchement${NBSP}? Annulez votre inscription pour libérer votre place${NBSP}: ${registrationUrl}`}</Text>
    </EmailLayout>
  );
}

RegistrationConfirmed.PreviewProps = PreviewProps;

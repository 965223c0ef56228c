import { Text } from "@react-email/text";
import { AlertFooter, AlertItems, SAMPLE_ITEMS, type AlertFooterProps, type AlertItemsProps } from "./alert-parts";
import { EmailLayout, NBSP, paragraph } from "./layout";

export interface AlertImmediateProps extends AlertItemsProps, AlertFooterProps {
  /** What was published: "Métropole Rhône-Confluence a publié sa programmation du 1er semestre 2027 (édition n° 2)". */
  headline: string;
}

export function subject({ alertName, headline }: AlertImmediateProps): string {
  return `Alerte «${NBSP}${alertName}${NBSP}»${NBSP}: ${headline}`;
}

export const PreviewProps = {
  ...SAMPLE_ITEMS,
  questionnaires: [],
  events: [],
  headline: "Métropole Rhône-Confluence a publié sa programmation du 1er semestre 2027 (édition n° 2)",
  alertName: "Menuiserie dans le Rhône",
  alertsUrl: "https://amont.example.fr/fournisseur/alertes",
  unsubscribeUrl: "https://amont.example.fr/alertes/desabonnement/exemple",
} satisfies AlertImmediateProps;

/** One publication (an edition, a questionnaire, an event) that matches one alert, as soon as it is out. */
export default function AlertImmediate(props: AlertImmediateProps) {
  return (
    <EmailLayout preview={props.headline} heading="Du nouveau pour votre alerte">
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        {`${props.headline}. Voici ce qui correspond à votre alerte «${NBSP}${props.alertName}${NBSP}».`}
      </Text>
      <AlertItems {...props} />
      <AlertFooter {...props} />
    </EmailLayout>
  );
}

AlertImmediate.PreviewProps = PreviewProps;

import { Text } from "@react-email/text";
import {
  AlertFooter,
  alertItemCount,
  AlertItems,
  SAMPLE_ITEMS,
  type AlertFooterProps,
  type AlertItemsProps,
} from "./alert-parts";
import { CallToAction, EmailLayout, NBSP, paragraph } from "./layout";

export interface AlertDigestProps extends AlertItemsProps, AlertFooterProps {
  /** "du 25 janvier 2027 au 31 janvier 2027". */
  weekLabel: string;
}

export function subject(props: AlertDigestProps): string {
  const count = alertItemCount(props);
  const alert = `votre alerte «${NBSP}${props.alertName}${NBSP}»`;
  if (count === 0) return `Rien de nouveau cette semaine pour ${alert}`;
  return `${count} nouveauté${count > 1 ? "s" : ""} cette semaine pour ${alert}`;
}

export const PreviewProps = {
  ...SAMPLE_ITEMS,
  weekLabel: "du 25 janvier 2027 au 31 janvier 2027",
  alertName: "Menuiserie dans le Rhône",
  alertsUrl: "https://amont.example.fr/fournisseur/alertes",
  unsubscribeUrl: "https://amont.example.fr/alertes/desabonnement/exemple",
} satisfies AlertDigestProps;

/** The weekly digest of one alert; with no item, the short "nothing new" message. */
export default function AlertDigest(props: AlertDigestProps) {
  const count = alertItemCount(props);
  return (
    <EmailLayout
      preview={
        count === 0
          ? `Aucune nouveauté ${props.weekLabel}.`
          : `${count} nouveauté${count > 1 ? "s" : ""} ${props.weekLabel}.`
      }
      heading={count === 0 ? "Rien de nouveau cette semaine" : "Les nouveautés de la semaine"}
    >
      <Text style={paragraph}>Bonjour,</Text>
      {count === 0 ? (
        <Text style={paragraph}>
          {`Aucun achat prévu, questionnaire ou événement publié ${props.weekLabel} ne correspond à votre alerte «${NBSP}${props.alertName}${NBSP}». Nous vous écrirons la semaine prochaine.`}
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            {`Voici ce qui a été publié ou modifié ${props.weekLabel} et qui correspond à votre alerte «${NBSP}${props.alertName}${NBSP}».`}
          </Text>
          <AlertItems {...props} />
          <CallToAction href={props.alertsUrl} label="Voir mes alertes" />
        </>
      )}
      <AlertFooter {...props} />
    </EmailLayout>
  );
}

AlertDigest.PreviewProps = PreviewProps;

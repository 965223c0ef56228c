import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, note, paragraph } from "./layout";

export interface PasswordResetProps {
  /** Display name of the account holder. */
  name: string;
  /** Single-use link to choose a new password. */
  resetUrl: string;
}

export function subject(_props: PasswordResetProps): string {
  return "Réinitialisation de votre mot de passe Amont";
}

export const PreviewProps = {
  name: "Camille Martin",
  resetUrl: "https://amont.example.fr/mot-de-passe/nouveau?jeton=exemple-de-jeton",
} satisfies PasswordResetProps;

export default function PasswordReset({ name, resetUrl }: PasswordResetProps) {
  return (
    <EmailLayout
      preview={`Choisissez un nouveau mot de passe. Ce lien est valable 1${NBSP}heure.`}
      heading="Choisissez un nouveau mot de passe"
    >
      <Text style={paragraph}>{`Bonjour ${name},`}</Text>
      <Text style={paragraph}>
        {`Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Amont. Pour choisir un nouveau mot de passe, utilisez le lien ci-dessous. Il est valable 1${NBSP}heure et ne peut servir qu’une fois.`}
      </Text>
      <CallToAction href={resetUrl} label="Choisir un nouveau mot de passe" />
      <Text style={note}>
        {`Vous n’avez rien demandé${NBSP}? Ignorez ce message. Votre mot de passe actuel reste valable${NBSP}: il ne change que si vous en choisissez un nouveau avec ce lien.`}
      </Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = PreviewProps;

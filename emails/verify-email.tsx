import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { CallToAction, EmailLayout, NBSP, colors, note, paragraph } from "./layout";

export interface VerifyEmailProps {
  /** Display name of the person who signed up. */
  name: string;
  /** Six-digit verification code. */
  code: string;
  /** Link that verifies the address in one click. */
  verifyUrl: string;
}

export function subject({ code }: VerifyEmailProps): string {
  return `${code} — votre code de confirmation Amont`;
}

export const PreviewProps = {
  name: "Camille Martin",
  code: "482913",
  verifyUrl: "https://amont.example.fr/verification?code=482913&cible=camille.martin%40example.fr",
} satisfies VerifyEmailProps;

export default function VerifyEmail({ name, code, verifyUrl }: VerifyEmailProps) {
  return (
    <EmailLayout
      preview={`Votre code de confirmation${NBSP}: ${code}. Il est valable 30${NBSP}minutes.`}
      heading="Confirmez votre adresse e-mail"
    >
      <Text style={paragraph}>{`Bonjour ${name},`}</Text>
      <Text style={paragraph}>
        {`Pour terminer la création de votre compte Amont, saisissez ce code de confirmation${NBSP}:`}
      </Text>
      <Section
        style={{
          backgroundColor: colors.background,
          border: `1px solid ${colors.border}`,
          borderRadius: "4px",
          margin: "0 0 16px",
          padding: "16px",
          textAlign: "center",
        }}
      >
        <Text
          style={{
            color: colors.text,
            fontFamily: "'Courier New', Courier, monospace",
            fontSize: "32px",
            fontWeight: 700,
            letterSpacing: "8px",
            lineHeight: "40px",
            margin: 0,
          }}
        >
          {code}
        </Text>
      </Section>
      <Text style={paragraph}>
        {`Ce code est valable 30${NBSP}minutes. Vous pouvez aussi confirmer votre adresse en un clic${NBSP}:`}
      </Text>
      <CallToAction href={verifyUrl} label="Confirmer mon adresse e-mail" />
      <Text style={note}>
        {`Vous n’avez pas créé de compte sur Amont${NBSP}? Quelqu’un a peut-être saisi votre adresse par erreur. Ignorez simplement ce message${NBSP}: aucun compte ne sera activé sans ce code.`}
      </Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = PreviewProps;

// One package per component: the @react-email/components barrel costs the server about 35 MB of
// memory at start (bench/RESULTS.md), for components these emails never use.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";

/** Non-breaking space, used before « : » and inside « » quotes. */
export const NBSP = "\u00a0";

/** Shared colours: every text/background pair meets WCAG AA (most meet AAA). */
export const colors = {
  text: "#1e1e1e",
  muted: "#4a4a4a",
  background: "#f4f4f6",
  surface: "#ffffff",
  brand: "#000091",
  border: "#d0d0d8",
  onBrand: "#ffffff",
} as const;

const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const styles = {
  body: {
    backgroundColor: colors.background,
    color: colors.text,
    fontFamily,
    margin: 0,
    padding: "24px 0",
  },
  container: {
    backgroundColor: colors.surface,
    border: `1px solid ${colors.border}`,
    borderRadius: "6px",
    margin: "0 auto",
    maxWidth: "560px",
    padding: "0",
  },
  header: {
    borderBottom: `4px solid ${colors.brand}`,
    padding: "20px 32px 16px",
  },
  brand: {
    color: colors.brand,
    fontSize: "22px",
    fontWeight: 700,
    letterSpacing: "0.5px",
    lineHeight: "28px",
    margin: 0,
  },
  content: {
    padding: "8px 32px 24px",
  },
  heading: {
    color: colors.text,
    fontSize: "22px",
    fontWeight: 700,
    lineHeight: "30px",
    margin: "24px 0 16px",
  },
  hr: {
    borderColor: colors.border,
    margin: 0,
  },
  footer: {
    padding: "16px 32px 24px",
  },
  footerText: {
    color: colors.muted,
    fontSize: "13px",
    lineHeight: "20px",
    margin: "0 0 4px",
  },
} satisfies Record<string, CSSProperties>;

/** Body paragraph style, shared by the templates. */
export const paragraph: CSSProperties = {
  color: colors.text,
  fontSize: "16px",
  lineHeight: "26px",
  margin: "0 0 16px",
};

/** Secondary paragraph style (security notes, fallbacks). */
export const note: CSSProperties = {
  color: colors.muted,
  fontSize: "14px",
  lineHeight: "22px",
  margin: "0 0 12px",
};

/** Primary call-to-action link styled as a button. */
export const buttonStyle: CSSProperties = {
  backgroundColor: colors.brand,
  borderRadius: "4px",
  color: colors.onBrand,
  display: "inline-block",
  fontSize: "16px",
  fontWeight: 700,
  lineHeight: "24px",
  padding: "12px 24px",
  textDecoration: "none",
};

/** Style for a raw URL shown as a fallback under a button. */
export const urlStyle: CSSProperties = {
  color: colors.brand,
  textDecoration: "underline",
  wordBreak: "break-all",
};

export interface EmailLayoutProps {
  /** Short summary shown by mail clients next to the subject (hidden in the body). */
  preview: string;
  /** Main heading of the message. */
  heading: string;
  children: ReactNode;
}

/**
 * Sober, image-free layout shared by every Amont email: brand header, content, footer.
 */
export function EmailLayout({ preview, heading, children }: EmailLayoutProps) {
  return (
    <Html lang="fr" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Text style={styles.brand}>Amont</Text>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Hr style={styles.hr} />
          <Section style={styles.footer}>
            <Text style={styles.footerText}>Amont — en amont de la commande publique</Text>
            <Text style={styles.footerText}>
              {`Ce message vous a été envoyé automatiquement${NBSP}; merci de ne pas y répondre.`}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * A call-to-action button followed by the raw URL, so the link still works when the
 * button is not rendered and the plain-text version carries the address.
 */
export function CallToAction({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: "8px 0 24px" }}>
        <Button href={href} style={buttonStyle}>
          {label}
        </Button>
      </Section>
      <Text style={note}>
        {`Si le bouton ne fonctionne pas, copiez et collez ce lien dans votre navigateur${NBSP}:`}
        <br />
        <Link href={href} style={urlStyle}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export default EmailLayout;

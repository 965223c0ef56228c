// /confidentialite: the privacy notice (what personal data, why, legal basis, retention, rights).
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrivacyNotice } from "~/legal/privacy-notice";
import { legalPageData } from "~/legal/publisher.server";
import { retentionPeriods } from "~/legal/retention.server";

export const meta: MetaFunction = () => [{ title: "Données personnelles — Amont" }];

export function loader() {
  return { ...legalPageData(), retention: retentionPeriods() };
}

export default function Privacy() {
  const { identity, retention } = useLoaderData<typeof loader>();
  return <PrivacyNotice identity={identity} retention={retention} />;
}

// /mentions-legales: publisher, publication director, host, and how to report a security flaw.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LegalNotice } from "~/legal/legal-notice";
import { legalPageData } from "~/legal/publisher.server";

export const meta: MetaFunction = () => [{ title: "Mentions légales — Amont" }];

export function loader() {
  return legalPageData();
}

export default function LegalNoticePage() {
  const { identity } = useLoaderData<typeof loader>();
  return <LegalNotice identity={identity} />;
}

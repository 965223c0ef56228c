// /accessibilite: the accessibility statement (RGAA model), linked from every page's footer.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AccessibilityStatement } from "~/legal/accessibility";
import { legalPageData } from "~/legal/publisher.server";

export const meta: MetaFunction = () => [{ title: "Déclaration d'accessibilité — Amont" }];

export function loader() {
  return legalPageData();
}

export default function Accessibility() {
  const { identity, origin } = useLoaderData<typeof loader>();
  return <AccessibilityStatement identity={identity} origin={origin} />;
}

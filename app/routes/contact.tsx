// /contact: the publisher's contact address, from the configuration.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContactPage } from "~/legal/contact";
import { legalPageData } from "~/legal/publisher.server";

export const meta: MetaFunction = () => [{ title: "Contact — Amont" }];

export function loader() {
  return legalPageData();
}

export default function Contact() {
  const { identity } = useLoaderData<typeof loader>();
  return <ContactPage identity={identity} />;
}

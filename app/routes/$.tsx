// Any unknown address: a French 404 page rendered by the root error boundary.
import { notFound } from "~/ui/not-found.server";

export function loader() {
  notFound("Page introuvable");
}

export default function NotFound() {
  return null;
}

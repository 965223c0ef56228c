// Any unknown address: a French 404 page rendered by the root error boundary.
export function loader() {
  throw new Response("Page introuvable", { status: 404 });
}

export default function NotFound() {
  return null;
}

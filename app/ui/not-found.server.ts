// The one way a loader or an action answers "not found": a 404 whose French message the error page
// shows as is (app/root.tsx). Returns `never`, so `find() ?? notFound(message)` reads naturally.

export function notFound(message: string): never {
  throw new Response(message, { status: 404 });
}

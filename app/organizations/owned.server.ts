// "Load a record that belongs to the caller's organisation, or answer 404": the one way a page or an
// action turns a record id from its URL into a record. A record of another organisation is answered
// exactly like a missing one (same status, same French message), so that nothing tells it exists.
import { notFound } from "~/ui/not-found.server";

/**
 * The record `find` returns for the organisation; a 404 with `message` when it returns nothing.
 * `find` reads with the organisation in its condition (for example `where: { id, organizationId }`),
 * so that ownership is checked by the same query that loads the record.
 */
export async function requireOwned<T>(
  organizationId: string,
  find: (organizationId: string) => Promise<T | null | undefined>,
  message: string,
): Promise<T> {
  const record = await find(organizationId);
  if (record === null || record === undefined) notFound(message);
  return record;
}

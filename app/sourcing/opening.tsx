// Tells the server that a supplier's member displayed the questionnaire (the buyer's « Ont ouvert »).
// Posted by the page once the browser shows it, never recorded by the GET: a GET changes nothing, so
// a prefetch, a link scanner or a crawler that fetches the address is never counted.
import { useEffect } from "react";

export function RecordOpening({
  questionnaireId,
  organizationId,
}: {
  questionnaireId: string;
  organizationId: string;
}) {
  useEffect(() => {
    fetch(`/sourcing/${questionnaireId}/ouvert`, { method: "POST", body: new URLSearchParams({ organizationId }) })
      .then((response) => {
        if (!response.ok) console.error(`[sourcing] opening not recorded: ${response.status}`);
      })
      .catch((error: unknown) => console.error("[sourcing] opening not recorded", error));
  }, [questionnaireId, organizationId]);
  return null;
}

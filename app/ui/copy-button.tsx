// "Copier": copies the text of a field of the page (a snippet, a newsletter block) to the clipboard.
// A progressive enhancement: shown only once JavaScript runs; without it, the field itself stays,
// selectable, and the page says to copy it by hand.
import { useState } from "react";
import { useHydrated } from "./use-hydrated";

export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const hydrated = useHydrated();
  const [status, setStatus] = useState<string>("");
  if (!hydrated || typeof navigator === "undefined" || !navigator.clipboard) return null;
  return (
    <span className="copy-button">
      <button
        type="button"
        className="button--secondary"
        onClick={async () => {
          const field = document.getElementById(targetId) as HTMLTextAreaElement | HTMLInputElement | null;
          if (!field) return;
          try {
            await navigator.clipboard.writeText(field.value);
            setStatus("Copié dans le presse-papiers.");
          } catch {
            field.select();
            setStatus("Copie impossible : le texte est sélectionné, copiez-le avec Ctrl+C (ou Cmd+C).");
          }
        }}
      >
        {label}
      </button>{" "}
      <span role="status" className="muted">
        {status}
      </span>
    </span>
  );
}

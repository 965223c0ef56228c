import type { Toast } from "./toast.server";

/** Announced politely by screen readers; stays on the page (no timer hides it). */
export function ToastMessage({ toast }: { toast: Toast }) {
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      <p>
        <strong>{toast.title}</strong>
      </p>
      {toast.description ? <p>{toast.description}</p> : null}
    </div>
  );
}

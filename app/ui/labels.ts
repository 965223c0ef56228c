// Stored values and the French labels people read (pure): shared by every capability's vocabulary.
export type Labels = Record<string, string | { label: string }>;

export function labelOf(labels: Labels, value: string | null | undefined): string {
  if (!value || !(value in labels)) return value ?? "";
  const entry = labels[value]!;
  return typeof entry === "string" ? entry : entry.label;
}

/** Options for a <select> or radio group, in the labels' order. */
export function optionsOf(labels: Labels) {
  return Object.entries(labels).map(([value, entry]) => ({
    value,
    label: typeof entry === "string" ? entry : entry.label,
  }));
}

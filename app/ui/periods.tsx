// The blocked periods of a territory as a list (the accessible view; a calendar may shade them too).
import { DateText } from "./plan";

export interface PeriodView {
  kind: string;
  kindLabel: string;
  label: string;
  from: string;
  to: string;
  calendar: string | null;
}

export function BlockedPeriodsList({ periods }: { periods: readonly PeriodView[] }) {
  return (
    <ul className="blocked-periods">
      {periods.map((period) => (
        <li key={`${period.kind}-${period.label}-${period.from}-${period.calendar ?? ""}`}>
          <strong>{period.label}</strong> ({period.kindLabel.toLowerCase()}
          {period.calendar ? `, ${period.calendar}` : ""}) :{" "}
          {period.from === period.to ? (
            <>
              le <DateText iso={period.from} />
            </>
          ) : (
            <>
              du <DateText iso={period.from} /> au <DateText iso={period.to} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

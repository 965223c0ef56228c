// FullCalendar month and list views of the plan: an enhancement of /plan/calendrier, loaded only in
// the browser after hydration (the server-rendered list of the month stays the accessible view).
import frLocale from "@fullcalendar/core/locales/fr";
import dayGridPlugin from "@fullcalendar/daygrid";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";

export interface PlanCalendarEvent {
  id: string;
  title: string;
  /** YYYY-MM-DD: all-day events. */
  start: string;
  url: string;
  classNames?: string[];
}

/** A light shade with the text colour's contrast (15:1), the same as .plan-event--blocked in styles.css. */
const BLOCKED_SHADE = "#f6ead4";

/** A period to avoid, shaded behind the days (the page lists them too: the list is the accessible view). */
export interface BlockedPeriodShade {
  title: string;
  /** YYYY-MM-DD, first day. */
  start: string;
  /** YYYY-MM-DD, the day after the last one (exclusive, as FullCalendar reads all-day ends). */
  end: string;
}

export default function PlanCalendar({
  month,
  events,
  blockedPeriods = [],
  onMonthChange,
}: {
  /** "2027-03" */
  month: string;
  events: PlanCalendarEvent[];
  blockedPeriods?: BlockedPeriodShade[];
  onMonthChange: (month: string) => void;
}) {
  return (
    <FullCalendar
      plugins={[dayGridPlugin, listPlugin]}
      locale={frLocale}
      initialView="dayGridMonth"
      initialDate={`${month}-01`}
      headerToolbar={{ left: "prev,next", center: "title", right: "dayGridMonth,listMonth" }}
      // Words rather than icon fonts: the icons are images without text for screen readers.
      buttonIcons={false}
      buttonText={{ prev: "‹ Mois précédent", next: "Mois suivant ›", month: "Mois", list: "Liste" }}
      // The site's primary blue (8.3:1 with white text), instead of FullCalendar's lighter default.
      eventColor="#1a4d8f"
      height="auto"
      fixedWeekCount={false}
      dayMaxEvents={4}
      events={[
        ...events.map((event) => ({ ...event, allDay: true })),
        ...blockedPeriods.map((period, index) => ({
          id: `periode-${index}`,
          title: period.title,
          start: period.start,
          end: period.end,
          allDay: true,
          display: "background",
          // Its own colour: the calendar's eventColor (the site's dark blue) would hide the day numbers.
          backgroundColor: BLOCKED_SHADE,
          classNames: ["plan-event--blocked"],
        })),
      ]}
      datesSet={(info) => {
        // The month on screen (in month view the range starts in the previous month's last week).
        const middle = new Date((info.start.getTime() + info.end.getTime()) / 2);
        const shown = `${middle.getFullYear()}-${String(middle.getMonth() + 1).padStart(2, "0")}`;
        if (shown !== month) onMonthChange(shown);
      }}
    />
  );
}

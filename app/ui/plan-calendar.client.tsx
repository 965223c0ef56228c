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

export default function PlanCalendar({
  month,
  events,
  onMonthChange,
}: {
  /** "2027-03" */
  month: string;
  events: PlanCalendarEvent[];
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
      events={events.map((event) => ({ ...event, allDay: true }))}
      datesSet={(info) => {
        // The month on screen (in month view the range starts in the previous month's last week).
        const middle = new Date((info.start.getTime() + info.end.getTime()) / 2);
        const shown = `${middle.getFullYear()}-${String(middle.getMonth() + 1).padStart(2, "0")}`;
        if (shown !== month) onMonthChange(shown);
      }}
    />
  );
}

// FullCalendar month and list views of /evenements: an enhancement loaded only in the browser after
// hydration; the server-rendered list stays the accessible view.
import frLocale from "@fullcalendar/core/locales/fr";
import dayGridPlugin from "@fullcalendar/daygrid";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";

export interface EventsCalendarEvent {
  id: string;
  title: string;
  /** Paris wall-clock time without offset, "2027-01-14T09:00:00" (see timeZone below). */
  start: string;
  end: string;
  url: string;
}

export default function EventsCalendar({ month, events }: { month: string; events: EventsCalendarEvent[] }) {
  return (
    <FullCalendar
      plugins={[dayGridPlugin, listPlugin]}
      locale={frLocale}
      // Times are given as Paris wall-clock times and shown as they are, whatever the visitor's
      // own time zone (FullCalendar needs a plugin for named zones; "UTC" means "do not convert").
      timeZone="UTC"
      initialView="dayGridMonth"
      initialDate={`${month}-01`}
      headerToolbar={{ left: "prev,next", center: "title", right: "dayGridMonth,listMonth" }}
      buttonIcons={false}
      buttonText={{ prev: "‹ Mois précédent", next: "Mois suivant ›", month: "Mois", list: "Liste" }}
      eventColor="#1a4d8f"
      height="auto"
      fixedWeekCount={false}
      dayMaxEvents={4}
      eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      events={events}
    />
  );
}

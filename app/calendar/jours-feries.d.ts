declare module "@socialgouv/jours-feries" {
  /**
   * French public holidays of a year, by their French name. Dates are built at local midnight of
   * the process's time zone (see publicHolidays() in rules.ts, which turns them into date strings).
   */
  export default function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}

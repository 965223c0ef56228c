// Who acts on an event on the organiser's side (pure): shared by the modules that create, edit,
// move and cancel events, so that none of them needs to import another for these types.

/** The member who acts (recorded on the ledger). */
export interface MeetingActor {
  id: string;
  name: string;
}

/** The organisation that organises the event (its département gives the calendar). */
export interface OrganizerOrganization {
  id: string;
  name: string;
  departement: string;
}

/** The answer when the event is missing or organised by another organisation (a 404 for routes). */
export const EVENT_NOT_FOUND_MESSAGE = "Cet événement n'existe pas, ou votre organisation ne l'organise pas.";

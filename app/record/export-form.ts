// The fields and the size limit of the public verification form (/registre/verifier), shared by the
// page (also in the browser) and the server module that reads the form (export-upload.server.ts).
export const EXPORT_FILE_FIELD = "fichier";
export const EXPORT_TEXT_FIELD = "contenu";
/** 10 Mo: an export of several thousand records, with their proofs. */
export const EXPORT_MAX_BYTES = 10 * 1024 * 1024;

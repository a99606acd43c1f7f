/** The contact file formats `vardnav import contacts` and POST /api/imports/contacts read (FORMATS.md). */
export const IMPORT_FORMATS = ["vardnav-contacts-v1", "asterisk-queue-log"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

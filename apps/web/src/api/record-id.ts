/**
 * The id of a record the server answered. The document marks every field optional, since the
 * server leaves out what the reader may not read; a record is never answered without its id, and
 * one without is no record a screen can link to or act on.
 */
export function idOf(record: { id?: string }): string {
  if (!record.id) throw new Error('The server answered a record without its id.');
  return record.id;
}

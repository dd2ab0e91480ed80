/** The version a change was made against, as the API's If-Match takes it: a stale one answers 409. */
export const ifMatch = (version: number | undefined) => ({ 'if-match': `"${version ?? 0}"` });

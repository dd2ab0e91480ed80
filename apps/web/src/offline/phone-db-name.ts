/**
 * The name of the phone's IndexedDB database, apart from the store's code: the app asks at start
 * whether it exists (a phone set up here) without loading the store or Argon2.
 */
export const PHONE_DB = 'pendamping-phone';

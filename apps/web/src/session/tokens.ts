/**
 * The access token, in this module's memory only: never in storage, gone with the page. In a
 * browser the refresh token travels in an HttpOnly cookie (`X-Session-Transport: cookie`), where
 * script cannot read it. A phone set up for offline capture (SPEC §12) has no cookie: its session
 * is bound to its device id, and its refresh token lives only sealed in the phone's store.
 */
let access: string | undefined;
let phone: string | undefined;

export const tokens = {
  access: () => access,
  hold(answer: { accessToken: string }) {
    access = answer.accessToken;
  },
  forget() {
    access = undefined;
  },
  /** The device id of this page's phone-bound session, if it is one. */
  phone: () => phone,
  bindToPhone(deviceId: string) {
    phone = deviceId;
  },
};

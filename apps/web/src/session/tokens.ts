/**
 * The access token, in this module's memory only: never in storage, gone with the page. The
 * refresh token travels in an HttpOnly cookie (`X-Session-Transport: cookie`), where script cannot
 * read it.
 */
let access: string | undefined;

export const tokens = {
  access: () => access,
  hold(answer: { accessToken: string }) {
    access = answer.accessToken;
  },
  forget() {
    access = undefined;
  },
};

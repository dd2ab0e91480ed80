/**
 * The session's tokens, in this module's memory only: never in storage, gone with the page. The
 * refresh token is here only when the server answered it in the body; with the cookie transport
 * the browser keeps it where script cannot read it.
 */
let access: string | undefined;
let refresh: string | undefined;

export const tokens = {
  access: () => access,
  refresh: () => refresh,
  hold(answer: { accessToken: string; refreshToken?: string }) {
    access = answer.accessToken;
    refresh = answer.refreshToken ?? refresh;
  },
  forget() {
    access = undefined;
    refresh = undefined;
  },
};

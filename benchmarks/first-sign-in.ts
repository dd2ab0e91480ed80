import { generateTotpCode } from '@pendamping/auth/authentication';
import type { FastifyInstance } from 'fastify';

export interface BenchSession {
  headers: { authorization: string };
  refreshToken: string;
}

interface SignInAnswer {
  accessToken?: string;
  refreshToken: string;
}

const sessionOf = (answer: SignInAnswer, email: string): BenchSession => {
  if (!answer.accessToken) throw new Error(`${email} could not sign in: ${JSON.stringify(answer)}`);
  return { headers: { authorization: `Bearer ${answer.accessToken}` }, refreshToken: answer.refreshToken };
};

/**
 * A user of a role that needs a second factor signs in for the first time in the benchmark's own
 * app (password, TOTP enrolment, the first code) and answers the session: its bearer header, and
 * the refresh token that renews it when a run outlasts the access token.
 */
export async function firstSession(fastify: FastifyInstance, email: string, password: string): Promise<BenchSession> {
  const login = (
    await fastify.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  ).json();
  const enrolling = { authorization: `Bearer ${login.accessToken}` };
  const { secret } = (
    await fastify.inject({ method: 'POST', url: '/api/v1/auth/totp/enroll', headers: enrolling })
  ).json();
  const session = await fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/totp/verify',
    headers: enrolling,
    payload: { code: generateTotpCode({ secret, now: new Date() }) },
  });
  return sessionOf(session.json(), email);
}

/** The bearer header of a first sign-in (firstSession), for runs shorter than an access token. */
export async function firstSignIn(
  fastify: FastifyInstance,
  email: string,
  password: string,
): Promise<{ authorization: string }> {
  return (await firstSession(fastify, email, password)).headers;
}

/** A user of a role without a second factor signs in with her password, against a running API. */
export async function passwordSession(baseUrl: string, email: string, password: string): Promise<BenchSession> {
  const answer = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return sessionOf((await answer.json()) as SignInAnswer, email);
}

/** The session renewed by its refresh token, against a running API. */
export async function renewedSession(baseUrl: string, session: BenchSession, email: string): Promise<BenchSession> {
  const answer = await fetch(`${baseUrl}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  return sessionOf((await answer.json()) as SignInAnswer, email);
}

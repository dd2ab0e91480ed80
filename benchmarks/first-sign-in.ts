import { generateTotpCode } from '@pendamping/auth/authentication';
import type { FastifyInstance } from 'fastify';

/**
 * A user of a role that needs a second factor signs in for the first time in the benchmark's own
 * app (password, TOTP enrolment, the first code) and answers the bearer header of that session.
 */
export async function firstSignIn(
  fastify: FastifyInstance,
  email: string,
  password: string,
): Promise<{ authorization: string }> {
  const login = (
    await fastify.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  ).json();
  const enrolling = { authorization: `Bearer ${login.accessToken}` };
  const { secret } = (
    await fastify.inject({ method: 'POST', url: '/api/v1/auth/totp/enroll', headers: enrolling })
  ).json();
  const session = (
    await fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/verify',
      headers: enrolling,
      payload: { code: generateTotpCode({ secret, now: new Date() }) },
    })
  ).json();
  if (!session.accessToken) throw new Error(`${email} could not sign in: ${JSON.stringify(session)}`);
  return { authorization: `Bearer ${session.accessToken}` };
}

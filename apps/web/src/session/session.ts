import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import type { PackedRule } from '../api/views';
import { keepFresh, stopRefreshing } from './refresh';
import { tokens } from './tokens';

export type Profile = components['schemas']['ProfileView'];
type SessionTokens = components['schemas']['SessionTokens'];

/** Where the user is on the way in (SPEC §8, §11): each stage is one screen. */
export type Stage =
  | { kind: 'signed-out' }
  | { kind: 'password-change' }
  | { kind: 'enrolment' }
  | { kind: 'recovery-codes'; codes: string[] }
  | { kind: 'signed-in'; profile: Profile; rules: PackedRule[] };

let stage: Stage = { kind: 'signed-out' };
const listeners = new Set<(next: Stage) => void>();

function moveTo(next: Stage): void {
  stage = next;
  for (const listener of listeners) listener(next);
}

export function useStage(): Stage {
  const [current, setCurrent] = useState(stage);
  useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}

/** A session that can no longer be renewed starts again from a fresh page. */
const sessionLost = () => location.assign('/');

function hold(answer: SessionTokens): void {
  tokens.hold(answer);
  keepFresh(sessionLost);
}

/** After any answer that issues tokens: the next stage its flags ask for, else the signed-in frame. */
async function continueWith(answer: SessionTokens): Promise<void> {
  hold(answer);
  if (answer.passwordChange === 'required') return moveTo({ kind: 'password-change' });
  if (answer.mfa === 'enrollment_required') return moveTo({ kind: 'enrolment' });
  await enterFrame();
}

async function enterFrame(): Promise<void> {
  const [profile, abilities] = await Promise.all([
    answered(api.GET('/api/v1/me')),
    answered(api.GET('/api/v1/me/abilities')),
  ]);
  moveTo({ kind: 'signed-in', profile, rules: abilities.rules as PackedRule[] });
}

export interface Credentials {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export async function signIn(credentials: Credentials): Promise<void> {
  await continueWith(await answered(api.POST('/api/v1/auth/login', { body: credentials })));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await continueWith(await answered(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })));
}

export async function verifyTotp(code: string): Promise<void> {
  const answer = await answered(api.POST('/api/v1/auth/totp/verify', { body: { code } }));
  hold(answer);
  moveTo({ kind: 'recovery-codes', codes: answer.recoveryCodes });
}

export const recoveryCodesKept = (): Promise<void> => enterFrame();

/** Ends the session on the server; the page is then loaded anew so nothing of it stays in memory. */
export async function signOut(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout', { body: {} });
  } finally {
    stopRefreshing();
    tokens.forget();
    location.assign('/');
  }
}

import { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

export const ACCOUNT_LOCK_FAILURES = 10;
export const ACCOUNT_LOCK_MINUTES = 15;

type SignInState = Partial<
  Pick<UserEntity, 'failedLogins' | 'lockedUntil' | 'totpLastStep' | 'totpSecret' | 'totpEnrolledAt'>
>;

/**
 * Sign-in bookkeeping (failure counts, locks, second-factor state) is not an edit of the user
 * record: it leaves the version alone, or anyone guessing a password could make every
 * administrator's edit of that account fail as stale.
 */
export async function updateSignInState(manager: EntityManager, userId: string, state: SignInState): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(UserEntity)
    .set({ ...state, version: () => 'version' })
    .where('id = :id', { id: userId })
    .execute();
}

/** Counts a failed proof of identity; the tenth in a row locks the account for a while. */
export async function countFailedSignIn(
  manager: EntityManager,
  user: Pick<UserEntity, 'id' | 'failedLogins' | 'lockedUntil'>,
): Promise<void> {
  const failedLogins = user.failedLogins + 1;
  const locks = failedLogins >= ACCOUNT_LOCK_FAILURES;
  await updateSignInState(manager, user.id, {
    failedLogins: locks ? 0 : failedLogins,
    lockedUntil: locks ? new Date(Date.now() + ACCOUNT_LOCK_MINUTES * 60_000) : user.lockedUntil,
  });
}

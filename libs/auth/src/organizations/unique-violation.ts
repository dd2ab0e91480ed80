import { DomainError } from '@pendamping/core';
import { QueryFailedError } from 'typeorm';

/** Turns a unique-constraint violation into a 409 naming the field, without quoting the value. */
export async function uniqueOr409<T>(work: () => Promise<T>, fieldsByConstraint: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint =
      error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
    if (constraint?.code === '23505' && constraint.constraint && fieldsByConstraint[constraint.constraint]) {
      const field = fieldsByConstraint[constraint.constraint];
      throw new DomainError('conflict', `Another record already uses this ${field}.`, { fields: [field] });
    }
    throw error;
  }
}

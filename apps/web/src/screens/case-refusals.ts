import { ApiProblem, NetworkFailure, type Answer } from '../api/problem';
import type { components } from '../api/schema';

type Problem = components['schemas']['Problem'];

/** A refusal of the API that names the fields it refused (validation-failed, business-rule). */
export class RefusedFields extends ApiProblem {
  constructor(
    problem: ApiProblem,
    readonly fields: string[],
  ) {
    super(problem.status, problem.kind, problem.detail);
  }
}

/**
 * As `answered()`, but a refusal keeps the fields its problem names, so that a form can mark them:
 * the server checks what the form cannot (the region's today, a place she may no longer use).
 */
export async function answeredNamingFields<Data>(call: Promise<Answer<Data>>): Promise<Data> {
  let answer: Answer<Data>;
  try {
    answer = await call;
  } catch {
    throw new NetworkFailure();
  }
  if (answer.response.ok) return answer.data as Data;
  const problem = ApiProblem.from(answer.response.status, answer.error);
  const fields = ((answer.error as Partial<Problem> | undefined)?.errors ?? []).map((refused) => refused.field);
  throw fields.length > 0 ? new RefusedFields(problem, fields) : problem;
}

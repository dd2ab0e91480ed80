import { PROBLEM_KINDS, ProblemKind } from './problem-kinds';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemExtensions {
  errors?: FieldProblem[];
  fields?: string[];
  [extension: string]: unknown;
}

/**
 * The one error type domain code throws. Modules subclass it with their own codes; the edge
 * (ProblemFilter) turns it into application/problem+json. `detail` must never quote a value of
 * an identifying or sensitive field.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get status(): number {
    return PROBLEM_KINDS[this.kind].status;
  }
}

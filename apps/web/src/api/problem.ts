/** An RFC 9457 problem answered by the API; `kind` is the last segment of its `type`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly detail: string,
  ) {
    super(`${status} ${kind}`);
  }

  static from(status: number, body: unknown): ApiProblem {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as { type?: unknown; detail?: unknown };
    const kind = typeof problem.type === 'string' ? (problem.type.split(':').pop() ?? '') : '';
    return new ApiProblem(status, kind, typeof problem.detail === 'string' ? problem.detail : '');
  }
}

/** The request never reached the API (no signal, server down). */
export class NetworkFailure extends Error {}

export interface Answer<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch answer: its body, typed by the OpenAPI document, on success; an ApiProblem otherwise. */
export async function answered<Data>(call: Promise<Answer<Data>>): Promise<Data> {
  let answer: Answer<Data>;
  try {
    answer = await call;
  } catch {
    throw new NetworkFailure();
  }
  if (!answer.response.ok) throw ApiProblem.from(answer.response.status, answer.error);
  return answer.data as Data;
}

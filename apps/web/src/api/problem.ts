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

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Unwraps an openapi-fetch answer: its body on success, an ApiProblem otherwise. The document does
 * not describe response bodies yet, so the caller names the view it expects (api/views.ts).
 */
export async function answered<View>(call: Promise<Answer>): Promise<View> {
  let answer: Answer;
  try {
    answer = await call;
  } catch {
    throw new NetworkFailure();
  }
  if (!answer.response.ok) throw ApiProblem.from(answer.response.status, answer.error);
  return answer.data as View;
}

import { api } from '../api/client';
import { ApiProblem, NetworkFailure } from '../api/problem';

/** The name in `Content-Disposition: attachment; filename="…"`, which the server builds (SPEC §7). */
export function fileNameOf(disposition: string | null): string | undefined {
  return disposition?.match(/filename="([^"]+)"/)?.[1];
}

/**
 * Fetches a finished report with the bearer token (a plain link would carry none) and hands it to
 * the browser as a download under the server's file name, which says internal or external.
 */
export async function downloadReport(id: string, fallbackName: string): Promise<void> {
  let answer;
  try {
    answer = await api.GET('/api/v1/reports/{id}/file', { params: { path: { id } }, parseAs: 'blob' });
  } catch {
    throw new NetworkFailure();
  }
  if (!answer.response.ok || !(answer.data instanceof Blob))
    throw ApiProblem.from(answer.response.status, answer.error);
  const url = URL.createObjectURL(answer.data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(answer.response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked at once, Chromium may cancel the download it has not started reading yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

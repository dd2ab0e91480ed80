import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import { HttpTarget } from './test-app';
import { SignedInUser } from './world';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REPORTS = '/api/v1/reports';

/** A valid report request (SPEC §9), with `extra` fields on top. */
export const reportBody = (
  year: number,
  scope: { level: string; id?: string | null },
  extra: Record<string, unknown> = {},
) => ({
  kind: 'annual_evaluation',
  year,
  scope,
  format: 'pdf',
  ...extra,
});

/** POST /reports, expecting 202 with an id. */
export async function requestReport(api: HttpTarget, user: SignedInUser, body: object): Promise<Json> {
  const response = await api.http().post(REPORTS).set(user.auth()).send(body);
  if (response.status !== 202)
    throw new Error(`POST /reports answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` with the last thing it saw. */
export async function eventually<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** GET /reports/:id until its status is one of `statuses` (a failure or an unexpected end fails at once). */
export async function awaitReport(
  api: HttpTarget,
  user: SignedInUser,
  id: string,
  statuses: string[] = ['succeeded'],
  timeoutMs = 60_000,
): Promise<Json> {
  let last: Json | undefined;
  return eventually(
    () => `report ${id} to become ${statuses.join('|')} (last seen: ${JSON.stringify(last)})`,
    async () => {
      const response = await api.http().get(`${REPORTS}/${id}`).set(user.auth());
      if (response.status !== 200)
        throw new Error(`GET /reports/:id answered ${response.status}: ${JSON.stringify(response.body)}`);
      last = response.body;
      if (statuses.includes(response.body.status)) return response.body as Json;
      if (['failed', 'expired', 'succeeded'].includes(response.body.status)) {
        throw new Error(
          `report ${id} ended ${response.body.status}, not ${statuses.join('|')}: ${JSON.stringify(response.body)}`,
        );
      }
      return undefined;
    },
    timeoutMs,
    150,
  );
}

/** GET /reports/:id/file with the body as bytes, whatever its type. */
export function fetchFile(api: HttpTarget, user: SignedInUser, id: string): Promise<Response & { body: Buffer }> {
  return api
    .http()
    .get(`${REPORTS}/${id}/file`)
    .set(user.auth())
    .buffer(true)
    .parse((res, callback) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(Buffer.from(chunk)));
      res.on('end', () => callback(null, Buffer.concat(parts)));
      res.on('error', (error) => callback(error, undefined));
    }) as unknown as Promise<Response & { body: Buffer }>;
}

/** The downloaded bytes, after checking the answer is a 200 attachment. */
export async function downloadFile(api: HttpTarget, user: SignedInUser, id: string): Promise<Buffer> {
  const response = await fetchFile(api, user, id);
  if (response.status !== 200)
    throw new Error(
      `GET /reports/:id/file answered ${response.status}: ${response.body.toString('utf8').slice(0, 500)}`,
    );
  return response.body;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * pdf.js runs its worker in-process in Node ("fake worker"), loaded with a dynamic import that
 * Jest's module system refuses. It takes a worker module already on `globalThis.pdfjsWorker`
 * instead: pdf-parse's own (its pdf.js version), which Jest compiles to CommonJS like any ESM.
 */
function pdfParser(bytes: Buffer): PDFParse {
  const global = globalThis as { pdfjsWorker?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  global.pdfjsWorker ??= require(join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs'));
  return new PDFParse({ data: new Uint8Array(bytes) });
}

/** The text of a PDF as pdf-parse (v2) extracts it, pages separated by "-- n of m --". */
export async function pdfText(bytes: Buffer): Promise<string> {
  const parser = pdfParser(bytes);
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** The PDF's document information (title, author, subject, keywords …). */
export async function pdfInfo(bytes: Buffer): Promise<Json> {
  const parser = pdfParser(bytes);
  try {
    return (await parser.getInfo()) as unknown as Json;
  } finally {
    await parser.destroy();
  }
}

/**
 * The entries of a ZIP file (XLSX is one too), decompressed: read from the central directory,
 * stored or deflated, which is what archiver and exceljs write.
 */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a ZIP file: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('broken ZIP central directory');
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localNameLength = bytes.readUInt16LE(localOffset + 26);
    const localExtraLength = bytes.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = bytes.subarray(start, start + compressedSize);
    if (method === 0) entries.set(name, Buffer.from(raw));
    else if (method === 8) entries.set(name, inflateRawSync(raw));
    else throw new Error(`ZIP entry ${name} uses compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every entry's text, decompressed, one after the other (for "does this string appear anywhere"). */
export function zipText(bytes: Buffer): string {
  return [...unzip(bytes)].map(([name, data]) => `${name}\n${data.toString('utf8')}`).join('\n');
}

/**
 * The rows of one table of the PDF's text: from the line that is its title (not the contents
 * entry) to the next section, "label current previous change" → label → [current, previous].
 */
export function pdfTable(text: string, title: string): Map<string, [string, string]> {
  const lines = text.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line === title);
  if (start < 0) throw new Error(`no section titled "${title}" in the PDF text`);
  const rows = new Map<string, [string, string]>();
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    // The next section's marker: "SECTION 3" / "BAGIAN 3", letter-spaced or not.
    if (/^[A-Z](?: ?[A-Z])+ \d+$/.test(line)) break;
    // The table's header row ends with the two years and the change column; the chart above it has no change column.
    if (/ \d{4} \d{4} \S+$/.test(line) && !inTable) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const match = /^(.+?) (<\d+|[\d.,]+) (<\d+|[\d.,]+) (\S+)$/.exec(line);
    if (match) rows.set(match[1], [match[2], match[3]]);
  }
  return rows;
}

/** A figure of the summary: the line after its label holds this year's value. */
export function pdfSummaryValue(text: string, label: string): string | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const at = lines.indexOf(label);
  return at >= 0 ? lines[at + 1] : undefined;
}

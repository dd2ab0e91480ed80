import { asSent, DEVICE_READ_PREFIX, type ReadsAnswer, sendSplittingRefused } from './device-read-sending';

const ID = '3f1c2a9e-8b7d-4c6e-9a5f-0d1e2f3a4b5c';
const logged = {
  caseId: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
  fields: ['survivor.name'],
  at: '2026-12-01T08:30:00.000Z',
};

/** A server that refuses any request holding one of `refused`, and records the others, remembering each request. */
function server(refused: readonly number[]) {
  const requests: number[][] = [];
  const recorded: number[] = [];
  const post = async (part: readonly number[]): Promise<ReadsAnswer> => {
    requests.push([...part]);
    if (part.some((read) => refused.includes(read))) return 'refused';
    recorded.push(...part);
    return 'recorded';
  };
  return { post, requests, recorded };
}

async function sendAll(reads: readonly number[], post: (part: readonly number[]) => Promise<ReadsAnswer>) {
  const settled: Record<ReadsAnswer, number[]> = { recorded: [], refused: [] };
  await sendSplittingRefused(reads, post, async (part, answer) => {
    settled[answer].push(...part);
  });
  return settled;
}

describe('sending the phone’s logged reads', () => {
  it('sends a read with the random id of its name, the same every time, so a resend after a lost answer is recognised', () => {
    const first = asSent(DEVICE_READ_PREFIX + ID, logged);
    expect(first).toEqual({ id: ID, ...logged });
    expect(asSent(DEVICE_READ_PREFIX + ID, logged)).toEqual(first);
  });

  it('names only the fields this version knows: a field since dropped is left out, a read naming none is not sent', () => {
    const older = { ...logged, fields: ['survivor.formerName', 'narrative', 'followUps.notes', 'followUps.mood'] };
    expect(asSent(DEVICE_READ_PREFIX + ID, older)?.fields).toEqual(['narrative', 'followUps.notes']);
    expect(asSent(DEVICE_READ_PREFIX + ID, { ...logged, fields: ['survivor.formerName'] })).toBeUndefined();
  });

  it('sends a batch the server takes in one request', async () => {
    const { post, requests } = server([]);
    expect(await sendAll([1, 2, 3], post)).toEqual({ recorded: [1, 2, 3], refused: [] });
    expect(requests).toEqual([[1, 2, 3]]);
  });

  it('splits a refused batch until the refused reads are found: the others are recorded, a later batch is not held up', async () => {
    const reads = Array.from({ length: 500 }, (_, index) => index);
    const { post, requests, recorded } = server([137, 400]);
    const settled = await sendAll(reads, post);
    expect(settled.refused).toEqual([137, 400]);
    expect(settled.recorded.sort((a, b) => a - b)).toEqual(reads.filter((read) => read !== 137 && read !== 400));
    expect(recorded).toHaveLength(498);
    // Two refused reads among 500: a few dozen requests, not one per read.
    expect(requests.length).toBeLessThanOrEqual(2 * 2 * Math.ceil(Math.log2(500)) + 1);
    // The next sync's batch, once the refused reads are set aside, goes in one request.
    const later = server([137, 400]);
    expect(await sendAll([500, 501], later.post)).toEqual({ recorded: [500, 501], refused: [] });
    expect(later.requests).toHaveLength(1);
  });

  it('stops at any other failure, settling nothing more: the rest waits for the next sync', async () => {
    let calls = 0;
    const post = async (part: readonly number[]): Promise<ReadsAnswer> => {
      calls += 1;
      if (calls === 1) return 'refused';
      if (part.includes(1)) return 'recorded';
      throw new Error('no signal');
    };
    const settled: number[] = [];
    await expect(
      sendSplittingRefused([1, 2, 3, 4], post, async (part) => {
        settled.push(...part);
      }),
    ).rejects.toThrow('no signal');
    expect(settled).toEqual([1, 2]);
  });
});

import { DemoMoments, DemoTimeline } from './demo-timeline';

describe('the demo timeline', () => {
  it('tells each story its own moment while steps of several stories run at once, and the real time outside them', async () => {
    const timeline = new DemoTimeline();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const seen = await Promise.all(
      ['2025-03-01T01:00:00Z', '2026-07-09T01:00:00Z'].map((moment) =>
        timeline.at(new Date(moment), async () => {
          await pause();
          return timeline.now().toISOString();
        }),
      ),
    );
    expect(seen).toEqual(['2025-03-01T01:00:00.000Z', '2026-07-09T01:00:00.000Z']);
    expect(Math.abs(timeline.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("puts a story's events at nine in the morning in NTT on their day, each strictly after the one before", () => {
    const moments = new DemoMoments();
    expect(moments.on('2025-02-03').toISOString()).toBe('2025-02-03T01:00:00.000Z');
    expect(moments.on('2025-02-03').toISOString()).toBe('2025-02-03T01:01:00.000Z');
    expect(moments.on('2025-02-01').toISOString()).toBe('2025-02-03T01:02:00.000Z');
    expect(moments.on().toISOString()).toBe('2025-02-03T01:03:00.000Z');
    expect(moments.daysLater(7).toISOString()).toBe('2025-02-10T01:00:00.000Z');
    expect(new DemoMoments(new Date('2025-05-05T01:00:00Z')).on('2025-05-05').toISOString()).toBe(
      '2025-05-05T01:01:00.000Z',
    );
  });
});

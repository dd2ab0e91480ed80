import { AsyncLocalStorage } from 'node:async_hooks';
import { Clock } from '@pendamping/core';

/** The demo's places are in NTT, on Central Indonesian Time (WITA, UTC+8), all year. */
const WITA_OFFSET = '+08:00';
/** A working day's events start at nine in the morning, local time. */
const WORKDAY_START = '09:00:00';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The Clock of the demo seed: while a story's step runs inside `at`, the services stamp what
 * they record (a case's creation, a transition, a follow-up, a plan's approval) with that step's
 * moment, so the demo's history happened on its own dates. Steps of several stories run at once,
 * each in its own async context. Outside `at` it is the system clock. The audit log does not use
 * it: its events carry the time they were really written.
 */
export class DemoTimeline extends Clock {
  private readonly moment = new AsyncLocalStorage<Date>();

  now(): Date {
    return new Date(this.moment.getStore() ?? Date.now());
  }

  at<T>(moment: Date, work: () => Promise<T>): Promise<T> {
    return this.moment.run(moment, work);
  }
}

/**
 * The moments of one story (a case, a group's plans), strictly in order: an event on a day
 * happens at nine that morning in NTT, or a minute after the story's previous event when that
 * was later the same day or after. History sorts by these moments, so ties must not happen.
 */
export class DemoMoments {
  private last: number | undefined;

  /** `start`: the story's first moment, already taken (a case's creation). */
  constructor(start?: Date) {
    this.last = start?.getTime();
  }

  /** On `day` (YYYY-MM-DD), or just after the previous event when no day is given. */
  on(day?: string): Date {
    const morning = day === undefined ? -Infinity : Date.parse(`${day}T${WORKDAY_START}${WITA_OFFSET}`);
    return this.advanceTo(Math.max(morning, this.last === undefined ? morning : this.last + MINUTE));
  }

  /** `days` after the previous event's day, at nine in the morning. */
  daysLater(days: number): Date {
    if (this.last === undefined) throw new Error('a story starts on a day');
    return this.on(new Date(this.last + days * DAY + 8 * 60 * MINUTE).toISOString().slice(0, 10));
  }

  private advanceTo(moment: number): Date {
    if (!Number.isFinite(moment)) throw new Error('a story starts on a day');
    this.last = moment;
    return new Date(moment);
  }
}

/**
 * Where the domain's timestamps come from: when a case was created or closed, when a follow-up,
 * a referral, a history row or a work-plan step happened. Injected so that a replay (the demo
 * seed) can record its story on the days it happened. The audit log never asks it: its hash chain
 * and anchors are about when the system wrote, which only the database's own time tells.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

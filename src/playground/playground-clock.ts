/**
 * The bot's clock in the playground: it runs with real time from a chosen start
 * and jumps forward on `:clock`, so reminders that are weeks away fire in seconds.
 */
import { TZDate } from '@date-fns/tz';
import type { Clock } from '../app/ports.js';
import type { ClockMove } from './parse-line.js';
import { PlaygroundError } from './playground-error.js';

/** A clock that only ever moves forward, except before anything has happened. */
export class PlaygroundClock implements Clock {
  private offsetMs: number;

  constructor(
    start: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    this.offsetMs = start.getTime() - realNow();
  }

  /** The bot's now. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** The bot's now in ms, for the fake Slack's message timestamps. */
  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  /**
   * Moves the clock; returns the new time. Going back is refused unless `mayGoBack`
   * (true only before the bot has posted anything, so a script can pick its start date).
   */
  move(move: ClockMove, timeZone: string, mayGoBack: boolean): Date {
    const current = this.nowMs();
    const target = move.kind === 'by' ? current + move.ms : wallClockInstant(move.date, move.time, timeZone);
    if (target < current && !mayGoBack) {
      throw new PlaygroundError(
        `The clock never goes back: it is already ${describeInstant(new Date(current), timeZone)}. Move it forward, e.g. :clock +1d.`,
      );
    }
    this.offsetMs += target - current;
    return new Date(target);
  }
}

/** The instant of `date` `time` on the wall clock of `timeZone`. */
export function wallClockInstant(date: string, time: string, timeZone: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return TZDate.tz(timeZone, year, month - 1, day, hours, minutes).getTime();
}

/** `Thu 15 Apr 2027, 10:00 (UTC)`: how the playground names a moment. */
export function describeInstant(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${timeZone})`;
}

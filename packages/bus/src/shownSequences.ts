import type { LinkBus } from './LinkBus.js';

/** The sequences a view draws one thing for, and how many selected ones it leaves out. */
export interface ShownSequences {
  /** The active sequence, then the other selected ones, ascending. */
  shown: number[];
  /** How many selected sequences are not in `shown`. */
  more: number;
}

/**
 * What a view that draws one thing per selected sequence shows: the active sequence first, then
 * the other selected ones in ascending order, `limit` in all (sequences outside a dataset of
 * `sequenceCount` left out); `more` counts the selected ones not shown. Nothing while no sequence
 * is active.
 */
export function shownSequences(bus: LinkBus, sequenceCount: number, limit: number): ShownSequences {
  const active = bus.activeSequence;
  if (active < 0 || active >= sequenceCount) return { shown: [], more: 0 };
  const shown = [active];
  let more = 0;
  for (const sequence of bus.selectedSequences) {
    if (sequence === active || sequence >= sequenceCount) continue;
    if (shown.length < limit) shown.push(sequence);
    else more++;
  }
  return { shown, more };
}

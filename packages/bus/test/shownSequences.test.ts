import { describe, expect, it } from 'vitest';
import { LinkBus, shownSequences } from '@statescope/bus';

describe('shownSequences', () => {
  it('puts the active sequence first, then the others ascending, up to the limit, and counts the rest', () => {
    const bus = new LinkBus();
    expect(shownSequences(bus, 10, 3)).toEqual({ shown: [], more: 0 });
    bus.setSelection([7, 2, 5, 9, 1], 'test', 5);
    expect(shownSequences(bus, 10, 3)).toEqual({ shown: [5, 1, 2], more: 2 });
    expect(shownSequences(bus, 10, 10)).toEqual({ shown: [5, 1, 2, 7, 9], more: 0 });
    expect(shownSequences(bus, 8, 10)).toEqual({ shown: [5, 1, 2, 7], more: 0 }); // 9 is not in this dataset
    expect(shownSequences(bus, 5, 10)).toEqual({ shown: [], more: 0 }); // nor is the active one
  });
});

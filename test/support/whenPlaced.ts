import type { ProvisionalSequence } from '@statescope/bus';

/** Resolves with the next sequence `view` (an `<hs-whatif>`) publishes with its places on the maps. */
export function whenPlaced(view: HTMLElement): Promise<ProvisionalSequence> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const { sequence, placed } = (event as CustomEvent<{ sequence: ProvisionalSequence | null; placed: boolean }>)
        .detail;
      if (!sequence || !placed) return;
      view.removeEventListener('hs-provisional', listener);
      resolve(sequence);
    };
    view.addEventListener('hs-provisional', listener);
  });
}

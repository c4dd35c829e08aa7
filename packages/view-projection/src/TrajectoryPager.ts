/** The most trajectories the map draws at once: more overlap beyond reading. */
export const TRAJECTORIES_PER_PAGE = 12;

/** The selected sequences one page draws, from {@link trajectoryPage}. */
export interface TrajectoryPage {
  /** The sequences to draw, in drawing order: the page's compared sequences, then the active one. */
  sequences: number[];
  /** The page shown (the one asked for, within range). */
  page: number;
  /** How many pages the compared sequences fill (at least 1). */
  pageCount: number;
  /** Selected sequences not drawn on this page. */
  notShown: number;
}

/**
 * One page of the selected sequences' trajectories: the active sequence on every page, and the
 * other selected ones (ascending) `perPage - 1` at a time, so that a page never draws more than
 * `perPage` and paging reaches every selected sequence.
 */
export function trajectoryPage(
  selected: ArrayLike<number>,
  active: number,
  page: number,
  perPage = TRAJECTORIES_PER_PAGE,
): TrajectoryPage {
  const others: number[] = [];
  let activeSelected = false;
  for (let k = 0; k < selected.length; k++) {
    if (selected[k] === active) activeSelected = true;
    else others.push(selected[k]);
  }
  const hasActive = active >= 0 && (activeSelected || selected.length === 0);
  const room = Math.max(1, hasActive ? perPage - 1 : perPage);
  const pageCount = Math.max(1, Math.ceil(others.length / room));
  const shownPage = Math.min(Math.max(0, Math.trunc(page) || 0), pageCount - 1);
  const sequences = others.slice(shownPage * room, (shownPage + 1) * room);
  if (hasActive) sequences.push(active);
  const total = others.length + (hasActive ? 1 : 0);
  return { sequences, page: shownPage, pageCount, notShown: total - sequences.length };
}

/**
 * The small panel over the map that says how many selected sequences are not drawn ("+28 more")
 * and pages through them with Previous and Next buttons. Hidden while every one is drawn.
 */
export class TrajectoryPager {
  /** The panel element. */
  readonly element: HTMLDivElement;
  readonly #more: HTMLSpanElement;
  readonly #position: HTMLSpanElement;
  readonly #previous: HTMLButtonElement;
  readonly #next: HTMLButtonElement;

  /** `turn(-1)` for Previous, `turn(1)` for Next. */
  constructor(doc: Document, turn: (by: -1 | 1) => void) {
    const panel = doc.createElement('div');
    panel.className = 'pager panel';
    panel.setAttribute('part', 'pager');
    panel.setAttribute('role', 'group');
    panel.setAttribute('aria-label', 'Trajectories of the selected sequences');
    panel.hidden = true;
    this.#more = doc.createElement('span');
    this.#more.className = 'more';
    this.#more.setAttribute('aria-live', 'polite');
    this.#position = doc.createElement('span');
    this.#position.className = 'position';
    const button = (name: string, title: string, by: -1 | 1) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = name;
      b.title = title;
      b.addEventListener('click', () => turn(by));
      return b;
    };
    this.#previous = button('Previous', 'Draw the previous selected sequences', -1);
    this.#next = button('Next', 'Draw the next selected sequences', 1);
    panel.append(this.#more, this.#position, this.#previous, this.#next);
    this.element = panel;
  }

  /** Shows where a page stands; hides the panel when it draws every selected sequence. */
  show({ page, pageCount, notShown, sequences }: TrajectoryPage): void {
    this.element.hidden = notShown === 0 && pageCount === 1;
    if (this.element.hidden) return;
    this.#more.textContent = `+${notShown} more`;
    this.#position.textContent = `page ${page + 1} of ${pageCount}`;
    this.element.title = `${sequences.length} of ${sequences.length + notShown} selected sequences drawn; the active one on every page`;
    // aria-disabled, not disabled: a button that keeps the keyboard focus at the first or last page.
    this.#previous.setAttribute('aria-disabled', String(page === 0));
    this.#next.setAttribute('aria-disabled', String(page >= pageCount - 1));
  }
}

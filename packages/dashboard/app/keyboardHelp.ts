// Every key and gesture of the app and its views, in one list: the "?" overlay shows it, and
// docs/keyboard.md holds the same tables (test/keyboardHelp.test.ts keeps the two in step).

/** One key or gesture and what it does. Plain text: no markup, no "|" (the doc's tables). */
export interface KeyEntry {
  keys: string;
  does: string;
}

/** The keys of one view, or of the page. */
export interface KeySection {
  title: string;
  /** Where the keys act, e.g. "with the map focused"; plain text. */
  where: string;
  entries: readonly KeyEntry[];
}

export const KEYBOARD_MAP: readonly KeySection[] = [
  {
    title: 'The page',
    where: 'anywhere outside a text field',
    entries: [
      { keys: '?', does: 'open this list of keys and gestures' },
      { keys: 'Esc', does: 'close this list' },
      { keys: 'Tab, Shift+Tab', does: 'move between the controls and the views; each chart is one stop' },
      { keys: 'Drop files on the page', does: 'open a dataset: a manifest with its .bin, .npy or .npz files' },
    ],
  },
  {
    title: 'Map',
    where: 'the map of hidden states; keys with the map focused',
    entries: [
      { keys: 'Hover a point', does: 'focus its step: a ring and a tooltip, and the step in every view' },
      { keys: 'Click a point', does: 'select its sequence' },
      { keys: 'Ctrl-click or Cmd-click a point', does: 'add its sequence to the comparison, or take it out' },
      { keys: 'Drag', does: 'brush a rectangle (rectangle mode, the default)' },
      { keys: 'Shift-drag', does: 'brush a lasso (or drag in lasso mode)' },
      { keys: 'Alt-drag or middle-drag', does: 'pan (or drag in pan mode)' },
      { keys: 'Wheel, trackpad or touch pinch', does: 'zoom about the pointer' },
      { keys: '+ and -', does: 'zoom in and out about the centre' },
      { keys: 'Arrow keys', does: 'pan' },
      { keys: '0', does: 'reset the zoom (as the toolbar button does)' },
      { keys: 'Esc, or a click on empty space', does: 'clear the map brush' },
    ],
  },
  {
    title: 'Tokens',
    where: 'the words of the selected sequences',
    entries: [
      { keys: 'Hover a token', does: 'focus its step' },
      { keys: 'Left and Right, Up and Down', does: 'the previous or next token, focusing its step' },
      { keys: 'Home and End', does: 'the first or last token of the sequence' },
    ],
  },
  {
    title: 'Table',
    where: 'the list of sequences; keys with the table focused',
    entries: [
      { keys: 'Click a row', does: 'select its sequence' },
      {
        keys: 'Ctrl-click, Cmd-click or Shift-click a row',
        does: 'add its sequence to the comparison, or take it out',
      },
      { keys: 'Up and Down', does: 'select the previous or next sequence in table order' },
      { keys: 'Home and End', does: 'select the first or last sequence' },
      { keys: 'Page Up and Page Down', does: 'move a box of rows up or down' },
      { keys: 'Esc', does: 'clear the selection' },
      { keys: 'Click a column header, or Enter on it', does: 'sort by that column; again to reverse' },
    ],
  },
  {
    title: 'Heatmap',
    where: 'steps x classes of the expected prediction; one tab stop for all of its cells',
    entries: [
      { keys: 'Hover a column', does: 'focus its step' },
      { keys: 'Left and Right', does: 'the previous or next step, focusing it' },
      { keys: 'Up and Down', does: 'the class row above or below, on into the next or previous block' },
      { keys: 'Home and End', does: 'the first or last step' },
      { keys: 'Enter or Space', does: "in a compared sequence's block: make that sequence the active one" },
    ],
  },
  {
    title: 'Histogram',
    where: 'the distance of each step to the next; the bars are one tab stop, the threshold another',
    entries: [
      { keys: 'Hover a bar', does: 'focus its two steps' },
      { keys: 'Left and Right', does: 'the previous or next bar, focusing its two steps' },
      { keys: 'Up and Down', does: 'the same bar of the sequence drawn before or after' },
      { keys: 'Home and End', does: 'the first or last bar' },
      { keys: 'Enter or Space', does: "on a compared sequence's bar: make that sequence the active one" },
      { keys: 'Drag the dashed line', does: 'set the jump threshold (the map labels use it too)' },
      { keys: 'Arrow keys on the threshold', does: 'move it by 0.01' },
      { keys: 'Page Up and Page Down on the threshold', does: 'move it by 0.1' },
    ],
  },
  {
    title: 'Histogram, distribution mode',
    where: 'every step distance of the dataset; the bins are one tab stop',
    entries: [
      { keys: 'Drag across the bins', does: 'brush a range of distances: those steps, in every view' },
      { keys: 'Click on empty space', does: 'clear the brush' },
      { keys: 'Left and Right, Home and End', does: 'move over the bins' },
      { keys: 'Enter or Space', does: 'brush the focused bin' },
      { keys: 'Shift with Left, Right, Home or End', does: 'stretch the brushed range from where it began' },
      { keys: 'Esc on a bin', does: 'clear the brush' },
    ],
  },
  {
    title: 'Overview',
    where: 'counts, accuracy, class bars and the confusion matrix',
    entries: [
      {
        keys: 'Click a matrix cell, or Enter or Space on it',
        does: 'select all of its sequences, the first one active',
      },
      { keys: 'Arrow keys, Home and End in the matrix', does: 'move over its cells (the matrix is one tab stop)' },
      { keys: 'Space on a checkbox', does: 'fade correct or misclassified sequences, or show or hide a class' },
    ],
  },
];

/** The list as markdown: a heading and a two-column table per section (what docs/keyboard.md holds). */
export function keyboardMarkdown(map: readonly KeySection[] = KEYBOARD_MAP): string {
  return map
    .map((section) =>
      [
        `## ${section.title}`,
        '',
        `${capitalise(section.where)}.`,
        '',
        '| keys | does |',
        '| --- | --- |',
        ...section.entries.map((entry) => `| ${entry.keys} | ${entry.does} |`),
      ].join('\n'),
    )
    .join('\n\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether a key press goes to something one types into: there "?" is a character, not a command. */
function typing(event: KeyboardEvent): boolean {
  // Inside a view's shadow root the event's target is the host: the path's first node is the real one.
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type)
  );
}

/** The overlay: a modal `<dialog>` with a table per section, built as text. */
function buildDialog(map: readonly KeySection[]): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.className = 'keyboard-help';
  const heading = document.createElement('h2');
  heading.id = 'keyboard-help-title';
  heading.textContent = 'Keyboard and gestures';
  dialog.setAttribute('aria-labelledby', heading.id);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  dialog.append(heading);
  for (const section of map) {
    const table = document.createElement('table');
    const caption = table.createCaption();
    const title = document.createElement('strong');
    title.textContent = section.title;
    caption.append(title, `: ${section.where}`);
    const head = table.createTHead().insertRow();
    for (const text of ['keys', 'does']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    for (const entry of section.entries) {
      const row = body.insertRow();
      const keys = document.createElement('th');
      keys.scope = 'row';
      keys.textContent = entry.keys;
      row.append(keys);
      row.insertCell().textContent = entry.does;
    }
    dialog.append(table);
  }
  const footer = document.createElement('p');
  footer.append('Esc closes this list. The same list: docs/keyboard.md. ', close);
  dialog.append(footer);
  return dialog;
}

/**
 * The "?" overlay listing every key and gesture: opened by `button` and by the ? key anywhere
 * but in a text field, closed by Esc (the dialog's own cancel) or its Close button; the focus
 * then goes back to where it was. Returns what takes it off the page again.
 */
export function mountKeyboardHelp(button: HTMLButtonElement, map: readonly KeySection[] = KEYBOARD_MAP): () => void {
  const document = button.ownerDocument;
  const dialog = buildDialog(map);
  document.body.append(dialog);
  button.setAttribute('aria-haspopup', 'dialog');
  const listening = new AbortController();
  const { signal } = listening;
  const open = () => {
    if (!dialog.open && dialog.isConnected) dialog.showModal();
  };
  button.addEventListener('click', open, { signal });
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (dialog.open || typing(event)) return;
      event.preventDefault();
      open();
    },
    { signal },
  );
  return () => {
    listening.abort();
    dialog.remove();
  };
}

/**
 * Takes files dropped anywhere on `target` and hands them to `onFiles`. While files are dragged
 * over it, `target` carries the `data-dropping` attribute (the page styles it as a highlight).
 * Drags of anything but files (text, links) are left to the browser.
 */
export function acceptDrops(target: HTMLElement, onFiles: (files: File[]) => void, signal?: AbortSignal): void {
  // dragenter and dragleave fire for every child crossed: count them to know when the drag left.
  let depth = 0;
  const highlight = (on: boolean) => target.toggleAttribute('data-dropping', on);
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const options = { signal };
  target.addEventListener(
    'dragenter',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      highlight(true);
    },
    options,
  );
  target.addEventListener(
    'dragover',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // lets the drop happen here instead of the browser opening the file
      event.dataTransfer!.dropEffect = 'copy';
    },
    options,
  );
  target.addEventListener(
    'dragleave',
    (event) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) highlight(false);
    },
    options,
  );
  target.addEventListener(
    'drop',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      highlight(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length) onFiles(files);
    },
    options,
  );
  signal?.addEventListener('abort', () => highlight(false), { once: true });
}

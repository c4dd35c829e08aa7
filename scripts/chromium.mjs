// Debian's Chromium, the one browser of tests and benchmarks (none downloads a browser of its
// own). The flags keep a headless run quiet on a machine without network access or GPU.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Path of the Chromium binary (CHROMIUM_PATH, default /usr/bin/chromium). */
export const chromiumPath: string;
/** Command-line flags for headless runs. */
export const chromiumArgs: string[];

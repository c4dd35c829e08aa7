/**
 * The `statescope` command line: `open` serves the dashboard on your datasets; `info`, `project`,
 * `convert` and `validate` work on the files. Also usable from Node: {@link main} runs a command
 * line, {@link serveDashboard} serves the app.
 *
 * @module @statescope/cli
 */
export { main, HELP } from './main.js';
export { serveDashboard } from './serveDashboard.js';
export type { ServeOptions, RunningServer } from './serveDashboard.js';
export { findDatasetFiles } from './findDatasetFiles.js';
export type { DatasetFile } from './findDatasetFiles.js';
export { describeDataset, formatDescription } from './describeDataset.js';
export type { DatasetDescription } from './describeDataset.js';
export { writeDatasetAtomically } from './writeDatasetAtomically.js';
export type { WriteOptions } from './writeDatasetAtomically.js';
export type { Terminal, Writable } from './Terminal.js';
export { UsageError } from './UsageError.js';

export { pca } from './pca.js';
export type { PcaOptions } from './pca.js';
export type { RowShape } from './validateRows.js';

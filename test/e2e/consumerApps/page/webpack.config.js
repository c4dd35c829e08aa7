import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './page/main.js',
  output: { path: fileURLToPath(new URL('../dist-webpack', import.meta.url)), clean: true },
};

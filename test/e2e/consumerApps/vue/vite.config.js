import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'vue',
  // Tags with a dash that Vue should leave to the browser's custom element registry.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('hs-') } } })],
  build: { outDir: '../dist-vue', emptyOutDir: true },
});

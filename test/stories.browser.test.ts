/// <reference types="vite/client" />
// Every Storybook story as a test in Chromium: rendered the way Storybook renders it (its loaders
// fetch the demo data from /data/, which the test server serves from the repository), then its
// play function, if it has one, acts as a user and checks what the user would see; then axe-core
// checks the page as the story left it (no violation of serious or critical impact).
import { describe, it } from 'vitest';
import { setProjectAnnotations } from '@storybook/web-components-vite';
import { composeStories } from 'storybook/preview-api';
import preview from '../.storybook/preview.js';
import { expectNoSeriousViolations } from './support/axe.js';

// The web-components renderer (how a story's element reaches the page) with the project's preview.
const projectAnnotations = setProjectAnnotations(preview);

type StoriesFile = Parameters<typeof composeStories>[0];

const storiesFiles = import.meta.glob<StoriesFile>(
  ['../stories/**/*.stories.ts', '../packages/*/stories/**/*.stories.ts'],
  {
    eager: true,
  },
);

for (const [path, file] of Object.entries(storiesFiles)) {
  describe(path.replace(/^\.\.\//, ''), () => {
    // composeStories is typed `{}` for a module of unknown shape: each entry is a composed story.
    const stories = composeStories(file, projectAnnotations) as Record<string, { run: () => Promise<void> }>;
    for (const [name, story] of Object.entries(stories)) {
      // The first story of a dataset waits for it to load (the IMDB states are 22 MB).
      it(
        name,
        async () => {
          await story.run();
          // What the play left drawn: the views redraw in the next animation frame.
          await new Promise((resolve) => requestAnimationFrame(resolve));
          await expectNoSeriousViolations();
        },
        60_000,
      );
    }
  });
}

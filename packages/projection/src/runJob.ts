import type { HelperPort } from './AttractionHelper.js';
import { invertedLists } from './invertedLists.js';
import { placeSteps } from './placeSteps.js';
import type { ProjectionJob } from './ProjectionJob.js';
import { projectPca } from './projectPca.js';
import type { TsneProgress } from './TsneProgress.js';
import { tsneSteps } from './tsneSteps.js';

/** Runs one job as a generator of progress reports returning the layout (worker or inline). */
export function* runJob(job: ProjectionJob, helper?: HelperPort): Generator<TsneProgress, Float32Array, void> {
  switch (job.kind) {
    case 'tsne':
      return yield* tsneSteps(job.data, job.rows, job.dim, job.settings, helper);
    case 'place':
      return yield* placeSteps(
        job.reference,
        job.referenceRows,
        job.referenceEmbedding,
        job.data,
        job.rows,
        job.dim,
        job.settings,
      );
    case 'pca':
      return projectPca(job.data, job.rows, job.dim, job.components);
    case 'lists':
      return invertedLists(job.data, job.rows, job.dim, job.metric, job.lists, job.seed);
    case 'attract':
    case 'prepare':
      throw new Error(`${job.kind} jobs run in the helper loop`);
  }
}

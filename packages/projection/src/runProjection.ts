import type { ProjectionJob } from './ProjectionJob.js';
import type { RunControl } from './RunControl.js';
import { runInline } from './runInline.js';
import { runInWorker } from './runInWorker.js';

/** Runs a job where `control.worker` says: a worker (default) or the calling thread. */
export function runProjection(job: ProjectionJob, control: RunControl): Promise<Float32Array> {
  return control.worker === false ? runInline(job, control) : runInWorker(job, control);
}

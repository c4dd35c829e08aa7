import { SPLIT, STOP } from './AttractionHelper.js';
import { attractiveForces } from './attractiveForces.js';
import type { ProjectionJob } from './ProjectionJob.js';

/** The helper worker's side of AttractionHelper: computes its rows whenever a step is requested. */
export function attractionLoop(job: Extract<ProjectionJob, { kind: 'attract' }>): void {
  const { control, y, out, kl } = job;
  const p = { rowPtr: job.rowPtr, cols: job.cols, vals: job.vals };
  let seen = 0;
  for (;;) {
    // A long silence means the first worker is gone; stop rather than block forever.
    if (Atomics.wait(control, 0, seen, 60_000) === 'timed-out') return;
    const step = Atomics.load(control, 0);
    if (step === STOP) return;
    if (step === seen) continue;
    seen = step;
    out.fill(0);
    kl[0] = attractiveForces(y, p, out, Atomics.load(control, 2) === 1, 0, Atomics.load(control, SPLIT));
    Atomics.store(control, 1, step);
    Atomics.notify(control, 1);
  }
}

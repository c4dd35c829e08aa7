import { abortError } from './abortError.js';
import type { ProjectionJob } from './ProjectionJob.js';
import type { RunControl } from './RunControl.js';
import { runJob } from './runJob.js';

/**
 * Runs a job on the calling thread, one progress interval per event-loop turn, so that the
 * caller can still render and abort between slices (for platforms without workers).
 */
export async function runInline(job: ProjectionJob, control: RunControl): Promise<Float32Array> {
  const { signal, onProgress } = control;
  const steps = runJob(job);
  for (;;) {
    if (signal?.aborted) throw abortError(signal);
    const next = steps.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

import { StatescopeError } from '@statescope/core';
import type { ModelWorkerReply, ModelWorkerRequest } from './ModelWorkerMessage.js';
import { runBuffers } from './ModelWorkerMessage.js';
import { RnnModel } from './RnnModel.js';
import { runModel } from './runModel.js';
import { Workspace } from './Workspace.js';

interface WebWorkerScope {
  postMessage(reply: ModelWorkerReply, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: ModelWorkerRequest }) => void): void;
}

/**
 * Wires runModel to the messages of a Web Worker (see ModelRunner): rebuilds the model from the
 * first message, keeps one Workspace for every run, and answers each run with its buffers
 * transferred. Outside a Web Worker (Node importing the package's entries) it does nothing.
 */
export function startModelWorker(): void {
  const scope = globalThis as unknown as { WorkerGlobalScope?: unknown } & WebWorkerScope;
  if (scope.WorkerGlobalScope === undefined) return;
  let model: RnnModel | undefined;
  let workspace: Workspace | undefined;
  scope.addEventListener('message', ({ data: request }) => {
    if (request.type === 'model') {
      model = new RnnModel(request.shape, request.parameters);
      workspace = new Workspace(model);
      return;
    }
    try {
      if (!model) throw new Error('the model worker got a run before the model');
      const run = runModel(model, request.tokenIds, workspace);
      scope.postMessage({ type: 'done', id: request.id, run }, runBuffers(run));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const { field, sequence, step, row } = e instanceof StatescopeError ? e : ({} as StatescopeError);
      scope.postMessage(
        { type: 'error', id: request.id, name: e.name, message: e.message, location: { field, sequence, step, row } },
        [],
      );
    }
  });
  scope.postMessage({ type: 'ready' }, []);
}

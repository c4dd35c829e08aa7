// Where a t-SNE of N states spends its preparation time and memory, phase by phase, on one
// thread, through @statescope/projection's internal steps in the order tsneSteps runs them
// (neighbours, reordering, conditional and joint affinities, PCA start), then the cost of one
// gradient step and of its two halves. Prints a table; for bench/scale/tsne.ts --phases.
//   node --import tsx --expose-gc bench/scale/tsnePhases.ts 1000000
// The real run differs in two ways: its neighbour search shares the trees with a second worker
// (two sets of heaps at once), and that worker gets its own shared copy of P.
import { conditionalAffinities } from '../../packages/projection/src/conditionalAffinities.js';
import { InterpolationGrid } from '../../packages/projection/src/InterpolationGrid.js';
import { attractiveForces } from '../../packages/projection/src/attractiveForces.js';
import { interpolatedRepulsion } from '../../packages/projection/src/interpolatedRepulsion.js';
import { nearestNeighbors } from '../../packages/projection/src/nearestNeighbors.js';
import { permuteGraph } from '../../packages/projection/src/permuteGraph.js';
import { projectPca } from '../../packages/projection/src/projectPca.js';
import { symmetricAffinities } from '../../packages/projection/src/symmetricAffinities.js';
import { TsneOptimizer } from '../../packages/projection/src/TsneOptimizer.js';
import { benchStates } from './tsneStates.js';

const n = Number(process.argv[2] ?? 1_000_000);
const states = await benchStates(n);
const { data, rows, dim } = states;
const k = 90; // 3 x perplexity 30
const gb = (bytes: number) => (bytes / 1e9).toFixed(2);

console.log(`  ${rows} states x ${dim} (${states.source}), k = ${k}`);
console.log(`  ${'phase'.padEnd(34)}${'seconds'.padStart(8)}${'RSS GB'.padStart(8)}  arrays it makes`);
function report(name: string, start: number, made: string): void {
  globalThis.gc?.();
  console.log(
    `  ${name.padEnd(34)}${((performance.now() - start) / 1000).toFixed(1).padStart(8)}${gb(process.memoryUsage.rss()).padStart(8)}  ${made}`,
  );
}
const bytesOf = (...arrays: ArrayLike<number>[]) =>
  gb(arrays.reduce((sum, a) => sum + (a as unknown as ArrayBufferView).byteLength, 0));

report('input (float32, shared)', performance.now(), `${bytesOf(data)} GB`);
let t = performance.now();
let graph = nearestNeighbors(data, rows, dim, k, 1);
report(
  `neighbours (${rows > 200_000 ? 3 : 4} trees + refinement)`,
  t,
  `graph ${bytesOf(graph.indices, graph.distances)} GB; while searching: heaps of the same size, a sorted copy for the refinement`,
);
t = performance.now();
graph = permuteGraph(graph, graph.order!);
report(
  'reorder rows (permuteGraph)',
  t,
  `a second graph, ${bytesOf(graph.indices, graph.distances)} GB, the first freed`,
);
t = performance.now();
const conditional = conditionalAffinities(graph, 30);
report('conditional affinities', t, `${bytesOf(conditional)} GB`);
t = performance.now();
const p = symmetricAffinities(graph, conditional);
const pairs = p.rowPtr[rows];
report(
  'joint affinities (upper triangle)',
  t,
  `${pairs} pairs (${(pairs / rows).toFixed(1)} per state): ${bytesOf(p.cols, p.vals, p.rowPtr)} GB kept ` +
    `(buffers sized for ${rows * k} pairs: ${gb(rows * k * 8)} GB)`,
);
t = performance.now();
const pc = projectPca(data, rows, dim, 2);
report('PCA start', t, `${bytesOf(pc)} GB`);

const y = new Float64Array(2 * rows);
for (let i = 0; i < 2 * rows; i++) y[i] = pc[i] * 1e-4;
const optimizer = new TsneOptimizer(p, y, { iterations: 750 });
const steps = 10;
t = performance.now();
for (let s = 0; s < steps; s++) optimizer.step(s === steps - 1);
const perStep = (performance.now() - t) / steps / 1000;
report(
  `${steps} gradient steps (one thread)`,
  t,
  `per step ${perStep.toFixed(2)} s: 750 steps ${(750 * perStep).toFixed(0)} s`,
);
const force = new Float64Array(2 * rows);
const grid = new InterpolationGrid(42);
t = performance.now();
interpolatedRepulsion(optimizer.y, rows, grid, force);
const repulsion = (performance.now() - t) / 1000;
const out = new Float64Array(2 * rows);
t = performance.now();
attractiveForces(optimizer.y, p, out, false, 0, rows);
const attraction = (performance.now() - t) / 1000;
console.log(
  `  one step's halves: repulsion (FFT grid, ${grid.transformSize} a side) ${repulsion.toFixed(2)} s, ` +
    `attraction (${pairs} pairs) ${attraction.toFixed(2)} s; the second worker takes part of the attraction`,
);

// The code a reader copies must compile: every ```ts block inside an @example of a doc comment
// in packages/*/src, and every ```ts block of docs/guides/*.md, becomes a module of its own
// (top-level await and the DOM allowed; imports of @statescope/* resolve to the sources through
// the `paths` of tsconfig.base.json) and all of them are type-checked together, with the
// repository's compiler options, in one TypeScript program.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
/** A path relative to the repository, with forward slashes. */
const shown = (file: string) => relative(root, file).split(sep).join('/');

interface Example {
  /** `file:line` of the example's first line of code, relative to the repository. */
  where: string;
  /** The first line of code, to name the example. */
  firstLine: string;
  code: string;
  /** The name declared right after the doc comment (doc examples only). */
  symbol?: string;
}

/** Files under `dir` whose names end with `suffix`, recursively. */
function filesIn(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix) && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
    .sort();
}

const FENCE_OPEN = /^\s*```(?:ts|typescript)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;

/** The ```ts blocks of some lines; `keep(i)` says whether a block opening on line i counts. */
function fencedBlocks(lines: string[], keep: (i: number) => boolean): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end])) end++;
    if (keep(i)) blocks.push({ line: start, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The ```ts blocks inside @example sections of the doc comments of one source file. */
function docExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, match.index).split('\n').length; // 1-based line of `/**`
    const lines = match[0]
      .replace(/^\/\*\*/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''));
    // Which lines lie in an @example section: from the tag to the next block tag outside code.
    const inExample: boolean[] = [];
    let example = false;
    let fenced = false;
    for (const line of lines) {
      if (/^\s*```/.test(line)) fenced = !fenced;
      else if (!fenced && /^\s*@[a-zA-Z]+(\s|$)/.test(line)) example = /^\s*@example(\s|$)/.test(line);
      inExample.push(example);
    }
    const after = text.slice(match.index + match[0].length);
    const symbol =
      /^\s*export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function|interface|type|const)\s+(\w+)/.exec(
        after,
      )?.[1];
    for (const block of fencedBlocks(lines, (i) => inExample[i])) {
      examples.push({
        where: `${shown(file)}:${firstLine + block.line}`,
        firstLine: block.code.trim().split('\n')[0],
        code: block.code,
        symbol,
      });
    }
  }
  return examples;
}

/** The ```ts blocks of a Markdown guide. */
function guideExamples(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return fencedBlocks(lines, () => true).map((block) => ({
    where: `${shown(file)}:${block.line + 1}`,
    firstLine: block.code.trim().split('\n')[0],
    code: block.code,
  }));
}

const packagesDir = join(root, 'packages');
const sourceFiles = readdirSync(packagesDir).flatMap((name) => filesIn(join(packagesDir, name, 'src'), '.ts'));
const fromDocs = sourceFiles.flatMap(docExamples);
const fromGuides = filesIn(join(root, 'docs/guides'), '.md').flatMap(guideExamples);
const examples = [...fromDocs, ...fromGuides];

/** Entry points a stranger starts from: each has at least one example. */
const REQUIRED: Record<string, string[]> = {
  core: ['loadDataset', 'StateDataset', 'saveDataset', 'validateDataset'],
  bus: ['LinkBus'],
  projection: ['tsne', 'pca', 'place'],
  rnn: ['runModel', 'runToDataset'],
  'view-base': ['StatescopeElement'],
  'view-projection': ['ProjectionView'],
  'view-sequence': ['SequenceView'],
  'view-heatmap': ['HeatmapView'],
  'view-histogram': ['HistogramView'],
  'view-overview': ['OverviewView'],
  'view-table': ['TableView'],
  dashboard: ['DashboardElement'],
};

/** Compiles every example in one program; returns the error messages of each, by index. */
function compileExamples(): string[][] {
  const configFile = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configFile}`);
  const options: ts.CompilerOptions = { ...config.options, noEmit: true };
  // Virtual files beside the sources, so that module resolution works as it does for them.
  const names = examples.map((_, i) => join(root, '.api-examples', `example${i}.ts`));
  const texts = new Map(names.map((name, i) => [name, `${examples[i].code}\nexport {};\n`]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => texts.has(name) || fileExists.call(host, name);
  host.readFile = (name) => texts.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = texts.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language, true, ts.ScriptKind.TS);
    return getSourceFile.call(host, name, language, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: names, options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length) throw new Error(ts.formatDiagnostics(global, ts.createCompilerHost(options)));
  return names.map((name) => {
    const file = program.getSourceFile(name)!;
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (diagnostic.start === undefined) return message;
      const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
      return `example line ${line + 1} (${file.text.split('\n')[line].trim()}): ${message}`;
    });
  });
}

describe('the code in the API docs and guides', () => {
  it('has examples on the main entry points of every package', () => {
    const missing = Object.entries(REQUIRED).flatMap(([folder, symbols]) =>
      symbols
        .filter((symbol) => !fromDocs.some((e) => e.symbol === symbol && e.where.startsWith(`packages/${folder}/src/`)))
        .map((symbol) => `@statescope/${folder}: ${symbol}`),
    );
    expect(missing).toEqual([]);
    expect(fromGuides.length).toBeGreaterThan(0);
  });

  let errors: string[][] = [];
  beforeAll(() => {
    errors = compileExamples();
  }, 120_000);

  it.each(examples.map((example, i) => [`${example.where} (${example.firstLine})`, i] as const))(
    'compiles: %s',
    (_, i) => {
      expect(errors[i], `${examples[i].where}: the example starting "${examples[i].firstLine}"`).toEqual([]);
    },
  );
});

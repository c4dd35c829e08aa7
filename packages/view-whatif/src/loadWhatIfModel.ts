import { StatescopeError } from '@statescope/core';
import { Vocabulary, decodeWeights, type RnnModel, type WeightManifest } from '@statescope/rnn';

/** A model ready for what-if runs: its weights, the vocabulary it reads and how texts were cut. */
export interface WhatIfModel {
  /** The decoded network. */
  readonly model: RnnModel;
  /** Token of each embedding row (`<unk>` first). */
  readonly vocabulary: Vocabulary;
  /** How many of a text's last tokens the model was trained on; absent: all of them. */
  readonly maxTokens?: number;
}

/** Loads started, by absolute manifest URL, so that several elements share one download. */
const loads = new Map<string, Promise<WhatIfModel>>();

/**
 * Fetches a weight manifest (`statescope-rnn`) and the binary file it names (relative to it),
 * and decodes them. Loads are shared by URL; a failed load is forgotten so it can be retried.
 * Rejects with a `StatescopeError` naming the field when the files do not fit together.
 */
export function loadWhatIfModel(url: string): Promise<WhatIfModel> {
  const key = new URL(url, globalThis.document?.baseURI).href;
  let pending = loads.get(key);
  if (!pending) {
    pending = fetchModel(key);
    loads.set(key, pending);
    pending.catch(() => loads.delete(key));
  }
  return pending;
}

async function fetchModel(url: string): Promise<WhatIfModel> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const manifest = (await response.json()) as WeightManifest;
  const file = manifest?.weights?.file;
  if (typeof file !== 'string') throw new StatescopeError('must name the binary file', { field: 'weights.file' });
  const binaryUrl = new URL(file, url).href;
  const binaryResponse = await fetch(binaryUrl);
  if (!binaryResponse.ok) throw new Error(`${binaryUrl}: HTTP ${binaryResponse.status}`);
  const model = decodeWeights(manifest, new Uint8Array(await binaryResponse.arrayBuffer()));
  return whatIfModel(model, manifest.vocabulary, manifest.maxTokens);
}

/** A {@link WhatIfModel} from a decoded model and its vocabulary; checks that the two fit. */
export function whatIfModel(
  model: RnnModel,
  vocabulary: Vocabulary | readonly string[] | undefined,
  maxTokens?: number,
): WhatIfModel {
  if (!vocabulary) {
    throw new StatescopeError('is missing: the model cannot read text without its vocabulary', { field: 'vocabulary' });
  }
  const words = vocabulary instanceof Vocabulary ? vocabulary : new Vocabulary(vocabulary);
  if (words.size !== model.vocabularySize) {
    throw new StatescopeError(`has ${words.size} tokens for ${model.vocabularySize} embedding rows`, {
      field: 'vocabulary',
    });
  }
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    throw new StatescopeError(`must be a positive integer, got ${String(maxTokens)}`, { field: 'maxTokens' });
  }
  return maxTokens === undefined ? { model, vocabulary: words } : { model, vocabulary: words, maxTokens };
}

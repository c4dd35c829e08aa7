// The texts as the models read them: tokenised, cut to their last tokens. Shared by the demo
// export (make.ts) and the large one (makeLarge.ts), so that both read the same tokens.
import { tokenize, type LabelledSequence, type Vocabulary } from '@statescope/rnn';
import type { RawText } from './corpora.js';

/** Like the paper: only the last 100 tokens of each text are kept. */
export const MAX_TOKENS = 100;

/** A text with its tokens (at most {@link MAX_TOKENS}). */
export interface Tokenised extends RawText {
  tokens: string[];
}

/** Every text tokenised and cut to its last {@link MAX_TOKENS} tokens; texts left empty are dropped. */
export function tokenised(texts: readonly RawText[]): Tokenised[] {
  return texts
    .map((doc) => ({ ...doc, tokens: tokenize(doc.text).slice(-MAX_TOKENS) }))
    .filter((doc) => doc.tokens.length > 0);
}

/** The texts as model input: their last `maxTokens` tokens, the ids the model reads, label and id. */
export function sequencesOf(docs: readonly Tokenised[], vocabulary: Vocabulary, maxTokens: number): LabelledSequence[] {
  return docs.map((doc) => {
    const tokens = doc.tokens.slice(-maxTokens);
    return { tokens, tokenIds: vocabulary.encode(tokens), label: doc.label, id: doc.id };
  });
}

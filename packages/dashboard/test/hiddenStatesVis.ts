/** A hiddenStatesVis export (the reference tool's JSON) of `texts`: binary classes, 3-unit states. */
export function hiddenStatesVis(texts: string[][]) {
  return {
    classes: ['negative', 'positive'],
    texts,
    actualValues: texts.map((_, s) => [s % 2]),
    predictions: texts.map(() => [1]),
    modelOutputs: texts.map((tokens) => tokens.map((_, t) => [(t + 1) / (tokens.length + 1)])),
    hiddenStates: texts.map((tokens, s) => tokens.map((_, t) => [Math.sin(s + t), Math.cos(s * t), t / 10])),
    model_accuracy: '50%',
  };
}

/**
 * Range tests on a bitset stored at words[base ..] (bit (t & 31) of word base + (t >>> 5) is step t):
 * whether every step of [start, end) is set, or none is. A word at a time, so a unit's run over a
 * phrase costs one or two word reads. An empty range answers true.
 */
export function allSetIn(words: Uint32Array, base: number, start: number, end: number): boolean {
  if (end <= start) return true;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  const head = -1 << (start & 31);
  const tail = -1 >>> (31 - ((end - 1) & 31));
  if (first === last) return (~words[base + first] & head & tail) === 0;
  if ((~words[base + first] & head) !== 0) return false;
  for (let w = first + 1; w < last; w++) if (~words[base + w] !== 0) return false;
  return (~words[base + last] & tail) === 0;
}

/** Whether no step of [start, end) is set (see {@link allSetIn}). */
export function noneSetIn(words: Uint32Array, base: number, start: number, end: number): boolean {
  if (end <= start) return true;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  const head = -1 << (start & 31);
  const tail = -1 >>> (31 - ((end - 1) & 31));
  if (first === last) return (words[base + first] & head & tail) === 0;
  if ((words[base + first] & head) !== 0) return false;
  for (let w = first + 1; w < last; w++) if (words[base + w] !== 0) return false;
  return (words[base + last] & tail) === 0;
}

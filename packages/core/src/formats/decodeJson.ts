import { StatescopeError } from '../StatescopeError.js';

/**
 * Parses a JSON file strictly: invalid UTF-8 is an error naming the byte (never silently
 * replaced by U+FFFD). The literals NaN, Infinity and -Infinity, which JSON lacks but Python's
 * json.dump writes, are read as the strings "NaN", "Infinity" and "-Infinity", so that the
 * checks of each field report them with their field, sequence and step rather than as a syntax
 * error at some character position.
 */
export function decodeJson(bytes: Uint8Array, name: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StatescopeError(
      `${name} is not valid UTF-8: the bytes at ${firstInvalidUtf8(bytes)} do not form a character`,
      { field: 'input' },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const quoted = quoteNonFiniteLiterals(text);
    if (quoted !== text) {
      try {
        return JSON.parse(quoted);
      } catch {
        // not only the literals: report the original error
      }
    }
    throw new StatescopeError(`${name} is not JSON, .npy or .npz: ${(error as Error).message}`, { field: 'input' });
  }
}

/** NaN, Infinity and -Infinity outside strings, turned into strings; everything else as it was. */
function quoteNonFiniteLiterals(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    for (const literal of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(literal, i)) {
        parts.push(text.slice(from, i), `"${literal}"`);
        i += literal.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return `byte ${i}`;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return `byte ${i}`;
    }
    i += length;
  }
  return 'the end';
}

// What a body costs once parsed depends on how many values it holds, not only on its bytes: 8 MB
// of "{}," is 2.8 million objects, and 200 such pushes took the hub from 90 MB to 2.9 GB (the
// fuzz of issue 24). So the values are counted on the bytes, before JSON.parse builds them.

/**
 * About the values of a JSON text, from above: its arrays, objects and commas (a value in a list
 * counts once, or twice when it is itself an object or array), counted up to `max` + 1 at most.
 * Strings are skipped whole (their bytes never count), found by their closing quote: in UTF-8 no
 * byte of a multi-byte character is a quote or a backslash.
 */
export function countJsonValues(bytes: Uint8Array, max: number): number {
  let values = 0;
  for (let i = 0; i < bytes.length && values <= max; i++) {
    const byte = bytes[i];
    if (byte === 0x22) {
      // A string: its end is the next quote not escaped (an odd run of backslashes escapes it).
      for (;;) {
        i = bytes.indexOf(0x22, i + 1);
        if (i < 0) return values; // unterminated: JSON.parse refuses it
        let slashes = 0;
        while (bytes[i - 1 - slashes] === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
    } else if (byte === 0x5b || byte === 0x7b || byte === 0x2c) values++; // [ { ,
  }
  return values;
}

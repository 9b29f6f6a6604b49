/** Bitsets over catalog code indexes: `words` 32-bit words per set, sets laid out in one array. */

export function wordsFor(size: number): number {
  return Math.max(1, (size + 31) >>> 5);
}

export function hasBit(bits: Uint32Array, offset: number, index: number): boolean {
  return ((bits[offset + (index >>> 5)] ?? 0) & (1 << (index & 31))) !== 0;
}

export function setBit(bits: Uint32Array, offset: number, index: number): void {
  const w = offset + (index >>> 5);
  bits[w] = (bits[w] ?? 0) | (1 << (index & 31));
}

export function clearBit(bits: Uint32Array, offset: number, index: number): void {
  const w = offset + (index >>> 5);
  bits[w] = (bits[w] ?? 0) & ~(1 << (index & 31));
}

/** Set (value true) or clear bits [from, to). */
export function fillRange(bits: Uint32Array, offset: number, from: number, to: number, value: boolean): void {
  for (let i = from; i < to; i++) {
    if (value) setBit(bits, offset, i);
    else clearBit(bits, offset, i);
  }
}

/** dst[dOff..] |= src[sOff..] over `words` words. */
export function orInto(dst: Uint32Array, dOff: number, src: Uint32Array, sOff: number, words: number): void {
  for (let w = 0; w < words; w++) dst[dOff + w] = (dst[dOff + w] ?? 0) | (src[sOff + w] ?? 0);
}

/** dst[dOff..] &= src[sOff..] over `words` words. */
export function andInto(dst: Uint32Array, dOff: number, src: Uint32Array, sOff: number, words: number): void {
  for (let w = 0; w < words; w++) dst[dOff + w] = (dst[dOff + w] ?? 0) & (src[sOff + w] ?? 0);
}

/** Indexes of the set bits, ascending. */
export function bitIndexes(bits: Uint32Array, offset: number, words: number, size: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < words; w++) {
    let word = bits[offset + w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      const i = (w << 5) + (31 - Math.clz32(low));
      if (i < size) out.push(i);
      word ^= low;
    }
  }
  return out;
}

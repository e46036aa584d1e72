/**
 * Seeded pseudo-random numbers for the simulator's data. Not for anything secret.
 *
 * Seeds are strings (numbers are turned into strings). A child stream is derived from its
 * parent's *seed* and a label, never from the parent's state, so the orders of one seller do
 * not change when another seller, or another order, draws more or fewer numbers.
 */

/** Four 32-bit words from a string: four differently-multiplied lanes, cross-mixed per char. */
function hashToWords(input: string): [number, number, number, number] {
  let a = 0x6a09e667;
  let b = 0xbb67ae85;
  let c = 0x3c6ef372;
  let d = 0xa54ff53a;
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    c = Math.imul(c ^ code, 0x1b873593);
    d = Math.imul(d ^ code, 0xcc9e2d51);
    a ^= d >>> 15;
    b ^= a >>> 13;
    c ^= b >>> 16;
    d ^= c >>> 11;
  }
  const n = input.length;
  a = finalMix(a ^ n);
  b = finalMix(b + a);
  c = finalMix(c + b);
  d = finalMix(d + c);
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

/** Avalanche a 32-bit word (xor-shift / multiply rounds). */
function finalMix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Turns any seed into the canonical string form. */
export function seedString(seed: string | number): string {
  return typeof seed === 'number' ? `#${seed}` : seed;
}

/** The seed of a child stream: depends only on the parent seed and the label. */
export function deriveSeed(parent: string | number, label: string): string {
  return `${seedString(parent)}/${label}`;
}

export type WeightedEntries<T> = readonly (readonly [T, number])[];

/** A small-fast-counter generator (sfc32 construction) seeded from a string hash. */
export class Prng {
  readonly seed: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string | number) {
    this.seed = seedString(seed);
    [this.#a, this.#b, this.#c, this.#d] = hashToWords(this.seed);
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max < min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick() from an empty list');
    return item;
  }

  /** Picks an entry with probability proportional to its weight (weights >= 0). */
  weighted<T>(entries: WeightedEntries<T>): T {
    let total = 0;
    for (const [, weight] of entries) total += Math.max(0, weight);
    if (total <= 0) throw new RangeError('weighted() needs a positive total weight');
    let draw = this.next() * total;
    for (const [value, weight] of entries) {
      if (weight <= 0) continue;
      draw -= weight;
      if (draw < 0) return value;
    }
    // Floating-point rest: the last entry with a positive weight.
    const last = [...entries].reverse().find(([, weight]) => weight > 0);
    if (!last) throw new RangeError('weighted() needs a positive total weight');
    return last[0];
  }

  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += String(this.int(0, 9));
    return out;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet.charAt(this.int(0, alphabet.length - 1));
    return out;
  }

  /** A new array with the items in random order. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }

  /** An independent stream named by `label`; does not consume numbers from this one. */
  child(label: string): Prng {
    return new Prng(deriveSeed(this.seed, label));
  }
}

export function createRng(seed: string | number): Prng {
  return new Prng(seed);
}

/** Adapter for `SimStateOptions.rngFromSeed`: a bare `() => number` stream. */
export function rngFromSeed(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.next();
}

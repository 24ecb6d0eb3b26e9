import seedrandom from 'seedrandom';
import type { GameState } from './state.ts';

/**
 * Streams are seeded by the seedrandom package's alea; the step that draws from a saved state is alea's own, written
 * out here so that restoring a stream costs no closures (the AI opens one for every decision, and seedrandom built a
 * generator for each). Its operations are seedrandom's, in its order, so the bits are the same
 * (tests/engine/rng.test.ts draws from both).
 */

/** alea's whole state: four numbers, so it lives in the game state and a saved game decides its future exactly. */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** The state of a fresh alea generator for a seed. The seed is required: there is no time-based default. */
export function seedRng(seed: string): RngState {
  const prng = seedrandom.alea(seed, { state: true }) as seedrandom.StatefulPRNG<seedrandom.State.Alea>;
  return prng.state() as RngState;
}

/**
 * The same game with a fresh RNG state drawn from `seed`: its past stays as it was and only its future rolls change.
 * The replay tools use it to ask what else a position could have led to; `state.seed` keeps naming the game.
 */
export const reseed = (state: GameState, seed: string): GameState => ({ ...state, rng: seedRng(seed) });

/**
 * A generator restored from state, for one resolution step. Restoring per step (not per draw) keeps a draw at
 * tens of nanoseconds; call `save()` once at the end of the step and store what it returns.
 */
export class Dice {
  private c: number;
  private s0: number;
  private s1: number;
  private s2: number;
  draws = 0;

  constructor(state: RngState) {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  /** alea's step: a float in [0, 1). */
  private next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    this.draws++;
    return Math.floor(this.next() * n);
  }

  /** True with a per-mille chance; chance 0 never and 1000 always happens, but both still consume a draw. */
  chance(perMille: number): boolean {
    return this.int(1000) < perMille;
  }

  /** An integer in [lo, hi], inclusive. */
  between(lo: number, hi: number): number {
    return hi <= lo ? lo : lo + this.int(hi - lo + 1);
  }

  /** Picks an index with the given non-negative integer weights; -1 if they sum to zero. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (total <= 0) return -1;
    let roll = this.int(total);
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i]!;
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }

  save(): RngState {
    return { c: this.c, s0: this.s0, s1: this.s1, s2: this.s2 };
  }
}

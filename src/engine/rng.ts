import seedrandom from 'seedrandom';
import type { GameState } from './state.ts';

/** alea's whole state: four numbers, so it lives in the game state and a saved game decides its future exactly. */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

type AleaPrng = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

/** The state of a fresh alea generator for a seed. The seed is required: there is no time-based default. */
export function seedRng(seed: string): RngState {
  const prng = seedrandom.alea(seed, { state: true }) as AleaPrng;
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
  private readonly prng: AleaPrng;
  draws = 0;

  constructor(state: RngState) {
    this.prng = seedrandom.alea('', { state: { ...state } }) as AleaPrng;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    this.draws++;
    return Math.floor(this.prng() * n);
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
    return this.prng.state() as RngState;
  }
}

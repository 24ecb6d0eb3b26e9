/**
 * The engine's alea step against the seedrandom package it was written from: the same seeded states and the same draws,
 * bit for bit, for seeds of every kind the game makes (game seeds, the AI's per-turn streams, odd characters).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Dice, type RngState, seedRng } from '../../src/engine/index.ts';

type AleaPrng = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

const SEEDS = [
  '',
  '0',
  '1',
  'golden-1',
  'hello.',
  '12345/ai/us/7',
  'legal-3/ai/iran/12',
  'belief/2147483646/17',
  'ünïcødé ✓ 🎲',
  'x'.repeat(300),
  ...Array.from({ length: 200 }, (_, i) => `${i * 7919}/ai/${i % 2 ? 'us' : 'iran'}/${i % 13}`),
];

describe('alea', () => {
  it.each(SEEDS.map((s) => [s.slice(0, 30), s] as const))('seeds "%s" as seedrandom does', (_name, seed) => {
    const theirs = seedrandom.alea(seed, { state: true }) as AleaPrng;
    expect(seedRng(seed)).toEqual(theirs.state());
  });

  it('draws what seedrandom draws, and saves the state it would', () => {
    for (const seed of SEEDS) {
      const theirs = seedrandom.alea(seed, { state: true }) as AleaPrng;
      const dice = new Dice(seedRng(seed));
      for (let i = 0; i < 50; i++) expect(dice.int(1_000_000_007)).toBe(Math.floor(theirs() * 1_000_000_007));
      expect(dice.save()).toEqual(theirs.state() as RngState);
      const restored = new Dice(dice.save());
      for (let i = 0; i < 20; i++) expect(restored.int(1000)).toBe(Math.floor(theirs() * 1000));
    }
  });
});

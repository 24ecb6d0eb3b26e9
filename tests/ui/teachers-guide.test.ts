import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_PIN_LOCK } from '../../src/ui/desk-pin.ts';
import { shippedScenario } from '../shipped.ts';

/**
 * The teachers' guide's lesson plan against the scenario's lesson preset: the minutes run without a gap from the
 * start to the bell, there is a row for every week the preset plays, and the timer the plan assumes is the preset's.
 */
const guide = readFileSync('docs/teachers-guide.md', 'utf8');
const lesson = shippedScenario('two-boxers').presets.find((p) => p.id === 'lesson');
const plan = [...guide.matchAll(/^\| (\d+)-(\d+) \| (.+?) \|/gm)].map((m) => ({
  from: Number(m[1]),
  to: Number(m[2]),
  what: m[3]!,
}));

describe('the 45-minute lesson', () => {
  it('has a preset, named in the guide, whose length and timer the plan assumes', () => {
    expect(lesson).toBeDefined();
    expect(guide).toContain(`**${lesson!.name}**`);
    expect(lesson!.orderSeconds).toBe(60);
    expect(guide).toContain(`the lesson preset: ${lesson!.turns} weeks, a 1-minute order timer`);
  });

  it('runs from minute 0 to minute 45 without a gap or an overlap', () => {
    expect(plan.length).toBeGreaterThan(5);
    expect(plan[0]!.from).toBe(0);
    expect(plan.at(-1)!.to).toBe(45);
    for (let i = 1; i < plan.length; i++) expect(plan[i]!.from, plan[i]!.what).toBe(plan[i - 1]!.to);
  });

  it('gives every week of the preset its row, and the sum the text states', () => {
    const weeks = plan.filter((r) => /\*\*Week \d+/.test(r.what));
    expect(weeks.map((r) => Number(/Week (\d+)/.exec(r.what)![1]))).toEqual(
      Array.from({ length: lesson!.turns }, (_, i) => i + 1),
    );
    const played = weeks.reduce((t, r) => t + r.to - r.from, 0);
    const first = weeks[0]!.to - weeks[0]!.from;
    const rest = weeks.slice(1).map((r) => r.to - r.from);
    expect(new Set(rest).size).toBe(1);
    expect(guide).toContain(`${first} + ${rest.length} × ${rest[0]} = ${played} minutes`);
    // Each later week's minutes hold both teams' timers, with time left for the hand-over and the results.
    expect(rest[0]! * 60).toBeGreaterThan(2 * lesson!.orderSeconds!);
    const debrief = plan.find((r) => /\*\*Debrief/.test(r.what))!;
    expect(debrief.to - debrief.from).toBe(10);
  });
});

describe("the guide's word on the desk", () => {
  it('gives the PIN lock as the desk applies it', () => {
    const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const n = words[DESK_PIN_LOCK.attempts]!;
    const text = `${n.charAt(0).toUpperCase()}${n.slice(1)} wrong PINs in a row lock the desk for ${words[DESK_PIN_LOCK.lockSeconds / 60]} minutes`;
    expect(guide.replace(/\s+/g, ' ')).toContain(text);
  });
});

import { describe, expect, it } from 'vitest';
import { coachPlace } from '../../src/ui/game/coach.ts';

const screen = { innerWidth: 1280, innerHeight: 720 };
const box = { width: 352, height: 240 };

/** The first-game tip's place: wholly on the screen whatever its target (issue 13, item 5). */
describe('coachPlace', () => {
  it.each([
    ['a target high up: below it', { left: 20, top: 60, bottom: 130 }, { left: 20, top: 138 }],
    ['a target low down: above it', { left: 820, top: 660, bottom: 700 }, { left: 820, top: 412 }],
    ['a target at the right edge: pulled in', { left: 1200, top: 60, bottom: 130 }, { left: 920, top: 138 }],
    ['no target: near the top left', undefined, { left: 40, top: 40 }],
  ])('%s', (_name, target, place) => {
    expect(coachPlace(target, box, screen)).toEqual(place);
  });

  it('puts a tip too tall for either side of its target beside it, still on the screen', () => {
    const tall = { width: 352, height: 600 };
    const place = coachPlace({ left: 820, top: 300, bottom: 340 }, tall, screen);
    expect(place.left + tall.width).toBeLessThanOrEqual(820);
    expect(place.top).toBeGreaterThanOrEqual(8);
    expect(place.top + tall.height).toBeLessThanOrEqual(720 - 8);
  });

  it('keeps a tip below the fold out of it: a target under the screen gets the tip on the screen', () => {
    const place = coachPlace({ left: 820, top: 823, bottom: 860 }, box, screen);
    expect(place.top + box.height).toBeLessThanOrEqual(720 - 8);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { shippedScenario } from '../shipped.ts';
import {
  checkPin,
  DESK_PIN_LOCK,
  type DeskPin,
  deskLocked,
  makePin,
  NO_ATTEMPTS,
  type PinAttempts,
  pinMatches,
  pinProblem,
  pinRefusal,
  tryDeskPin,
} from '../../src/ui/desk-pin.ts';
import { Session } from '../../src/ui/session.ts';

const scenario = shippedScenario('two-boxers');

describe('the one-device desk PIN', () => {
  it('takes 4 to 8 digits and nothing else', () => {
    for (const good of ['1234', '12345678', ' 2468 ']) expect(pinProblem(good), good).toBeNull();
    for (const bad of ['', '123', '123456789', '12a4', '12 34', '١٢٣٤'])
      expect(pinProblem(bad), bad).toContain('4 to 8 digits');
  });

  it('keeps a salted hash that matches the PIN and nothing else; two games never share a hash', async () => {
    const a = await makePin('2468');
    const b = await makePin('2468');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('2468');
    expect(await pinMatches(a, '2468')).toBe(true);
    expect(await pinMatches(a, ' 2468')).toBe(true);
    for (const wrong of ['2469', '246', '24680', '']) expect(await pinMatches(a, wrong), wrong).toBe(false);
    expect(await pinMatches(b, '2468')).toBe(true);
  });

  it('travels in the save, is refused when malformed, and stays out of share links', async () => {
    const deskPin = await makePin('1357');
    const created = Session.create(scenario, {
      scenarioId: scenario.id,
      seed: 'pin-1',
      preset: 'short',
      side: 'us',
      opponent: 'hotseat',
      classroom: true,
      deskPin,
    });
    if (!created.ok) throw new Error(created.errors[0]?.message);
    const save = JSON.parse(JSON.stringify(created.value.toSave('2026-01-01T00:00:00Z')));
    const loaded = Session.fromSave([scenario], save);
    expect(loaded.ok && loaded.value.settings.deskPin).toEqual(deskPin);
    const forged = { ...save, settings: { ...save.settings, deskPin: { salt: 'x', hash: 'y' } } };
    expect(Session.fromSave([scenario], forged).ok).toBe(false);
    const shared = Session.fromShareCode([scenario], created.value.toShareCode());
    expect(shared.ok && shared.value.settings).toMatchObject({ classroom: true, seed: 'pin-1' });
    expect(shared.ok && 'deskPin' in shared.value.settings).toBe(false);
  });
});

/** A browser's localStorage for the desk's kept attempts: a Map behind the same four calls. */
function fakeStorage(): Map<string, string> {
  const items = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
  };
  return items;
}

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('the desk PIN lock', () => {
  const rule = { attempts: 3, lockSeconds: 120 };

  /** Types a PIN at `now` and keeps the attempts, as the desk does. */
  async function typeAt(pin: DeskPin, typed: string, kept: { attempts: PinAttempts }, now: number) {
    const r = await checkPin(pin, typed, kept.attempts, now, rule);
    kept.attempts = r.attempts;
    return r.check;
  }

  it('locks after the configured number of wrong PINs, refuses even the right one while locked, then opens', async () => {
    const pin = await makePin('2468');
    const kept = { attempts: NO_ATTEMPTS };
    const t0 = 1_000_000;
    expect(await typeAt(pin, '0000', kept, t0)).toEqual({ kind: 'wrong', left: 2 });
    expect(await typeAt(pin, '1111', kept, t0 + 1000)).toEqual({ kind: 'wrong', left: 1 });
    expect(await typeAt(pin, '2222', kept, t0 + 2000)).toEqual({ kind: 'locked', seconds: 120 });
    expect(kept.attempts.lockedUntil).toBe(t0 + 2000 + 120_000);
    // The right PIN while locked is not even compared; the time left counts down on the clock passed in.
    expect(await typeAt(pin, '2468', kept, t0 + 62_000)).toEqual({ kind: 'locked', seconds: 60 });
    expect(await typeAt(pin, '2468', kept, t0 + 121_999)).toEqual({ kind: 'locked', seconds: 1 });
    // Once the lock has run out, a wrong PIN starts a new count rather than lock again at once.
    expect(await typeAt(pin, '3333', kept, t0 + 122_000)).toEqual({ kind: 'wrong', left: 2 });
    expect(await typeAt(pin, '2468', kept, t0 + 123_000)).toEqual({ kind: 'open' });
    expect(kept.attempts).toEqual(NO_ATTEMPTS);
  });

  it('forgets wrong PINs once the right one is typed', async () => {
    const pin = await makePin('2468');
    const kept = { attempts: NO_ATTEMPTS };
    await typeAt(pin, '0000', kept, 0);
    await typeAt(pin, '0000', kept, 0);
    expect(await typeAt(pin, '2468', kept, 0)).toEqual({ kind: 'open' });
    expect(await typeAt(pin, '0000', kept, 0)).toEqual({ kind: 'wrong', left: 2 });
  });

  it('says how many tries are left and how long the lock lasts, in words', () => {
    expect(pinRefusal({ kind: 'open' })).toBeNull();
    expect(pinRefusal({ kind: 'wrong', left: 2 }, rule)).toBe(
      'That is not the desk’s PIN. 2 more wrong PINs lock the desk for 2 minutes.',
    );
    expect(pinRefusal({ kind: 'wrong', left: 1 }, rule)).toContain('One more wrong PIN locks the desk');
    expect(pinRefusal({ kind: 'locked', seconds: 61 })).toBe(
      'Too many wrong PINs: the desk is locked. Try again in 2 minutes.',
    );
    expect(pinRefusal({ kind: 'locked', seconds: 30 })).toContain('Try again in a minute.');
  });

  it("keeps the count and the lock in the browser under the game's salt, so a reload does not reset them", async () => {
    const items = fakeStorage();
    const pin = await makePin('2468');
    const other = await makePin('2468');
    const now = 5_000_000;
    for (let i = 1; i < DESK_PIN_LOCK.attempts; i++)
      expect(await tryDeskPin(pin, '0000', now), String(i)).toContain('That is not the desk’s PIN.');
    expect(deskLocked(pin, now)).toBeNull();
    // Everything tryDeskPin knows comes from storage: the last wrong PIN locks, as after a reload.
    expect(await tryDeskPin(pin, '0000', now)).toContain('the desk is locked');
    expect(deskLocked(pin, now + 1000)).toContain('the desk is locked');
    expect(await tryDeskPin(pin, '2468', now + 1000)).toContain('the desk is locked');
    expect(JSON.stringify([...items.values()])).not.toContain('2468');
    // Another game's desk (another salt) is not locked by this one's.
    expect(deskLocked(other, now + 1000)).toBeNull();
    const after = now + DESK_PIN_LOCK.lockSeconds * 1000;
    expect(deskLocked(pin, after)).toBeNull();
    expect(await tryDeskPin(pin, '2468', after)).toBeNull();
    expect(items.size).toBe(0); // the right PIN clears what was kept
  });
});

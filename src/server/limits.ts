import { isIPv6 } from 'node:net';

/**
 * Counts attempts of one kind per key in a sliding window: wrong join codes per address, one team's refused joins per
 * address and code, new class sessions per address. For joining only failures are counted: a class behind one school
 * address joins thirty times in a minute and must not lock itself out, while someone trying codes fails at every try.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until this key may try again, or 0 when it may try now. */
  blockedFor(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.limit) return 0;
    return Math.ceil((times[0]! + this.windowMs - now) / 1000);
  }

  record(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    this.attempts.set(key, times);
    // Addresses that tried once and never came back would otherwise stay forever.
    if (this.attempts.size > 10_000) for (const k of [...this.attempts.keys()]) this.recent(k, now);
  }

  private recent(key: string, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.attempts.delete(key);
    return times;
  }
}

/**
 * A token bucket for one connection's messages: bursts up to `capacity`, then `perSecond`. A connection over it
 * gets a refusal it can wait out, never a disconnect (a disconnected Socket.IO client does not come back by itself).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * The class codes known at each address: codes a device there has used rightly (a join, or a connection of a seat or
 * of the desk of that code's session), each until its session ends. While wrong codes lock an address, a code it
 * already knows still opens: a class behind one school address goes on joining whatever one device there mistypes,
 * and a guesser there learns nothing, since every other code, right or wrong, is refused without being looked up.
 */
export class KnownCodes {
  private readonly known = new Map<string, Map<string, number>>(); // address -> code HMAC -> known until

  add(address: string, codeHmac: string, until: number, now: number): void {
    const codes = this.live(address, now) ?? new Map<string, number>();
    codes.set(codeHmac, Math.max(until, codes.get(codeHmac) ?? 0));
    this.known.set(address, codes);
    // Addresses whose sessions have all ended would otherwise stay forever.
    if (this.known.size > 10_000) for (const a of [...this.known.keys()]) this.live(a, now);
  }

  has(address: string, codeHmac: string, now: number): boolean {
    return (this.live(address, now)?.get(codeHmac) ?? 0) > now;
  }

  private live(address: string, now: number): Map<string, number> | undefined {
    const codes = this.known.get(address);
    if (!codes) return undefined;
    for (const [code, until] of codes) if (until <= now) codes.delete(code);
    if (codes.size === 0) this.known.delete(address);
    return codes.size === 0 ? undefined : codes;
  }
}

/**
 * The key an address is counted under. An IPv4 address (also written IPv4-mapped, `::ffff:1.2.3.4`) is itself. An IPv6
 * address counts by its /64 network: one host is given a whole /64 and may send from any address in it, so counting
 * each address apart would let a guesser start afresh with every try. A school's devices on one /64 then count as
 * one address, like a school behind one IPv4 NAT, which the join limits allow for (classroom.ts).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv6(address)) {
    const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return address;
}

import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisPair } from '../../src/server/redis.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const pairs: RedisPair[] = [];

afterAll(async () => {
  for (const pair of pairs) await pair.close();
});

/** Holds the main thread, as a busy server's turn of the event loop does. */
function holdThread(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('the Redis publisher', () => {
  // The two-process bench stalled this way (docs/server.md, "The Redis publisher that fell behind"): node-redis wrote
  // one socket buffer's worth a turn and dropped whatever had waited its command timeout "to be sent". The turn after
  // the first write is made longer than that timeout (100 ms here, 5 s in the server), so a publish not written in the
  // turn it was made is dropped: the test depends on the order of the event loop's phases, not on how fast this
  // machine is.
  it('writes a burst of publishes in the turn they were made, however long the next turn takes', async () => {
    const failures: unknown[] = [];
    const pair = await connectRedis(REDIS_URL, {
      commandTimeoutMs: 100,
      onPublishError: (e) => failures.push(e),
    });
    pairs.push(pair);
    const channel = `tb-test-burst-${randomBytes(4).toString('hex')}`;
    let received = 0;
    let receivedAll!: () => void;
    const all = new Promise<void>((done) => {
      receivedAll = done;
    });
    const count = 100;
    await pair.sub.subscribe(channel, () => {
      if (++received === count) receivedAll();
    });
    // 800 KB, fifty times the socket's default high-water mark.
    const message = 'x'.repeat(8 * 1024);
    const sent = Array.from({ length: count }, () => pair.pub.publish(channel, message));
    setImmediate(() => holdThread(250));
    const receivers = await Promise.all(sent);
    expect(failures.length, `publishes dropped, the first: ${String(failures[0])}`).toBe(0);
    expect(receivers).toEqual(Array.from({ length: count }, () => 1));
    await all;
    expect(received).toBe(count);
  });
});

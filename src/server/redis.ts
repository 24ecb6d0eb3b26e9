/**
 * The two Redis connections that join server processes through Socket.IO's Redis adapter: one publishes every
 * announcement for another process's sockets, the other receives theirs.
 */
import { createClient, type RedisClientOptions } from 'redis';

type RedisSocketOptions = NonNullable<RedisClientOptions['socket']>;

/**
 * How much the publisher may hand its socket in one turn of the event loop before it waits. node-redis 6 writes its
 * queue until the socket's buffer passes this mark, then waits for `drain` and writes on again only in a later turn
 * (setImmediate). At Node's default of 16 KiB, a server whose turns take 100 ms (a loaded machine: hundreds of
 * sockets, the database, the computer players) can publish at most about 160 KB/s, while one busy turn can announce
 * more than that; every publish then queues behind the last until it has waited node-redis's command timeout (5 s)
 * "to be sent" and is dropped, and the other process's seats stop getting their states (docs/server.md, "The Redis
 * publisher that fell behind").
 * The mark does not reserve memory: it only decides when writing waits, so a high one lets each turn send what it
 * announced, and a Redis that stops reading still pushes back once this much waits in the socket.
 */
export const PUBLISH_HIGH_WATER_MARK = 16 * 1024 * 1024;

export type RedisPair = Awaited<ReturnType<typeof connectRedis>>;

export interface RedisOptions {
  /** Called when a publish fails; the adapter itself leaves the failure unhandled. */
  onPublishError?: (error: unknown) => void;
  /** How long a command may wait to be written (node-redis's default, 5000 ms, when not given). */
  commandTimeoutMs?: number;
}

/** Connects the publisher and the subscriber for `createAdapter(pub, sub)`; rejects when Redis does not answer. */
export async function connectRedis(url: string, options: RedisOptions = {}) {
  const pub = createClient({
    url,
    // Not among @types/node's connect options, but net.Socket hands its options to stream.Duplex, which takes it
    // (tests/server/redis.test.ts fails if it stops doing so).
    socket: { writableHighWaterMark: PUBLISH_HIGH_WATER_MARK } as RedisSocketOptions,
    ...(options.commandTimeoutMs !== undefined && { commandOptions: { timeout: options.commandTimeoutMs } }),
  });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (e: unknown) => console.error('redis', e));
  // The adapter publishes without handling a failure (@socket.io/redis-adapter 8.3 leaves pubClient.publish's
  // promise alone), so an unhandled rejection would stop the process. A lost publish is a state another process does
  // not push: its seats see the change at their next state or sync, which beats every class on this process losing
  // its server.
  const onPublishError = options.onPublishError ?? ((e: unknown) => console.error('redis publish failed', e));
  const publish = pub.publish.bind(pub);
  Object.assign(pub, {
    publish: (...args: Parameters<typeof publish>) =>
      publish(...args).catch((e: unknown) => {
        onPublishError(e);
        return 0;
      }),
  });
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    close: async () => {
      await Promise.all([pub, sub].map((c) => c.quit().catch(() => undefined)));
    },
  };
}

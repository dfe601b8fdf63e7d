/**
 * Counts the SDK's stream events as they pass, so the base provider can tell a body that held no
 * event of the protocol at all (a wrong base URL, a proxy's page) from a stream that started and
 * then stopped without a finish (interrupted).
 */
export function countFrames<T>(source: AsyncIterable<T>): { events: AsyncIterable<T>; frames: () => number } {
  let n = 0;
  async function* pass(): AsyncGenerator<T> {
    for await (const ev of source) {
      n++;
      yield ev;
    }
  }
  return { events: pass(), frames: () => n };
}

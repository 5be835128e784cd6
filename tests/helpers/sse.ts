/** A test client for `curio serve`'s event stream: waits for named events. */
export interface EventStream {
  /** Resolves with the data of the next event of this type (after any already received). */
  next(type: string, timeoutMs?: number): Promise<unknown>;
  /** Every event received so far. */
  readonly received: { type: string; data: unknown }[];
  close(): void;
}

/** Connects to a server-sent event stream and parses its events. */
export async function connectEvents(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
  const received: { type: string; data: unknown }[] = [];
  let read = 0;
  const waiters: (() => void)[] = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data !== undefined) {
            received.push({ type, data: JSON.parse(data) });
            for (const w of waiters.splice(0)) w();
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    received,
    async next(type, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = received.findIndex((e, k) => k >= read && e.type === type);
        if (i !== -1) {
          read = i + 1;
          return received[i]!.data;
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no "${type}" event within ${timeoutMs} ms (got: ${received.map((e) => e.type).join(", ")})`,
          );
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => controller.abort(),
  };
}

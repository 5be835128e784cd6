import { describe, expect, it } from "vitest";
import { createMemoryPacer } from "../../src/large-site/memory-pacer.js";

const MB = 1024 * 1024;

/** A pretend heap: `grow` adds garbage, a collection leaves only what is live. */
function fakeHeap(live: number) {
  const heap = { live, used: live, collections: 0 };
  return {
    heap,
    options: {
      inUse: () => heap.used,
      collect: () => {
        heap.collections++;
        heap.used = heap.live;
      },
    },
  };
}

describe("the memory pacer", () => {
  it("collects once at the start, then whenever garbage reaches the slack", () => {
    const { heap, options } = fakeHeap(100 * MB);
    const pacer = createMemoryPacer({ ...options, minSlackBytes: 64 * MB, slackRatio: 0.5 });
    heap.used = 180 * MB;
    pacer.settle();
    expect(heap.collections).toBe(1);
    // The slack is the larger of 64 MB and half of the 100 MB live: 64 MB, so every 7th step.
    const seen: number[] = [];
    for (let step = 1; step <= 20; step++) {
      heap.used += 10 * MB;
      pacer.settle();
      seen.push(heap.used / MB);
    }
    expect(heap.collections).toBe(1 + 2);
    expect(pacer.collections).toBe(3);
    expect(Math.max(...seen)).toBeLessThan(100 + 64);
  });

  it("gives a large heap a proportional slack, so it is not collected too often", () => {
    const { heap, options } = fakeHeap(1000 * MB);
    const pacer = createMemoryPacer({ ...options, minSlackBytes: 64 * MB, slackRatio: 0.5 });
    pacer.settle();
    for (let step = 0; step < 49; step++) {
      heap.used += 10 * MB;
      pacer.settle();
    }
    // 490 MB of garbage against a slack of 500 MB: no collection after the first.
    expect(heap.collections).toBe(1);
    heap.used += 10 * MB;
    pacer.settle();
    expect(heap.collections).toBe(2);
  });

  it("does nothing where no collection is available", () => {
    let reads = 0;
    const pacer = createMemoryPacer({ inUse: () => ++reads, collect: null });
    pacer.settle();
    pacer.settle();
    expect(pacer.collections).toBe(0);
    expect(reads).toBe(0);
  });

  it("runs V8's own full collection by default, which frees what is unreachable", async () => {
    const pacer = createMemoryPacer({ minSlackBytes: 0, slackRatio: 0 });
    let resolveFreed = () => {};
    const freed = new Promise<void>((resolve) => (resolveFreed = resolve));
    const registry = new FinalizationRegistry<void>(() => resolveFreed());
    (() => registry.register({ big: new Array(1000).fill("x") }, undefined))();
    pacer.settle();
    expect(pacer.collections).toBe(1);
    // Only a collection frees the object: without one, this would time out.
    await freed;
  });
});

import fc from "fast-check";

/** One way to damage a cache file. */
export type Damage =
  | { readonly kind: "keep" }
  | { readonly kind: "empty" }
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "flip"; readonly bits: readonly (readonly [number, number])[] }
  | { readonly kind: "garbage"; readonly bytes: Uint8Array }
  | { readonly kind: "tail"; readonly at: number; readonly bytes: Uint8Array };

/** Damage of every kind (`keep`: leaving the file whole is one of them). */
export const damageOf = (keep: boolean): fc.Arbitrary<Damage> =>
  fc.oneof(
    ...(keep ? [fc.constant<Damage>({ kind: "keep" })] : []),
    fc.constant<Damage>({ kind: "empty" }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("flip" as const),
      bits: fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 6 }),
    }),
    fc.record({ kind: fc.constant("garbage" as const), bytes: fc.uint8Array({ maxLength: 2048 }) }),
    fc.record({
      kind: fc.constant("tail" as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 256 }),
    }),
  );

/** The bytes after a damage. */
export function damaged(bytes: Buffer, damage: Damage): Buffer {
  switch (damage.kind) {
    case "keep":
      return bytes;
    case "empty":
      return Buffer.alloc(0);
    case "truncate":
      return bytes.subarray(0, damage.at % Math.max(1, bytes.length));
    case "flip": {
      const out = Buffer.from(bytes);
      if (out.length > 0) for (const [at, bit] of damage.bits) out[at % out.length]! ^= 1 << bit;
      return out;
    }
    case "garbage":
      return Buffer.from(damage.bytes);
    case "tail":
      return Buffer.concat([bytes.subarray(0, damage.at % (bytes.length + 1)), damage.bytes]);
  }
}

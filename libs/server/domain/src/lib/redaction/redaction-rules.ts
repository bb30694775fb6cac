/**
 * What one room version's redaction algorithm keeps, as data: adding a room version means
 * adding a table, not another branch in the algorithm.
 */
export interface RedactionRules {
  /** Top-level event keys that survive redaction; every other key is removed. */
  readonly topLevelKeys: ReadonlySet<string>;
  /** Per event type, which `content` keys survive; types not listed keep an empty content. */
  readonly contentKeys: Readonly<Record<string, ContentRule>>;
}

export type ContentRule =
  /** The whole content survives (v11 `m.room.create`). */
  | 'all'
  | {
      readonly keep: readonly string[];
      /**
       * Keys kept only partially: if the value is an object, it survives with just the listed
       * sub-keys (v11 keeps `third_party_invite.signed` of `m.room.member`).
       */
      readonly keepWithin?: Readonly<Record<string, readonly string[]>>;
    };

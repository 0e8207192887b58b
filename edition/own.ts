/**
 * Looking a user's word up in a table. `table[key]` with a key such as `toString`,
 * `constructor` or `__proto__` finds Object.prototype's members, and `key in table`
 * says yes to them: every lookup of a key that came from a user (an entity type, a
 * setting's name, a language) goes through `ownValue` instead.
 */

/** `table[key]` when `table` has `key` as its own property, else undefined. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

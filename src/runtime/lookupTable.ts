/**
 * A frozen word table without a prototype. Tables indexed by words that users say must not answer
 * for "constructor", "__proto__" or "toString": on a plain object literal `TABLE[word]` returns
 * Object.prototype's members for them (a fuzz test found "pick up the constructor" crashing).
 *
 * ```ts
 * const ORDINALS: Record<string, number> = lookupTable( { first: 1, second: 2 } );
 * ORDINALS.constructor; // undefined
 * ```
 */
export function lookupTable<T>(entries: Record<string, T>): Record<string, T> {
	return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

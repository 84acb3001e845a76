/**
 * `record[key]` when the record itself holds `key`, else undefined. Ids and
 * tag names come from files, and a plain object answers `constructor` or
 * `toString` with a function it inherits: every lookup by an id goes through here
 * (or a Map, or an object without a prototype).
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty record without a prototype, to fill by id: `constructor` in it is only what was put there. */
export const byId = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

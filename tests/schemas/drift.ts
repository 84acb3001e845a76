/**
 * Where two types disagree about field names, as path strings ('.answers[].late
 * only in ours'), or never when they agree at every level. Types are compared
 * field by field, into arrays and objects; a union with a `type` field is
 * compared branch by branch against the other side's branch of the same `type`.
 * Field types themselves (string or number) are ajv's business at run time.
 */
export type Drift<Ours, Schema, Path extends string = ''> = [Ours] extends [readonly (infer O)[]]
  ? [Schema] extends [readonly (infer S)[]]
    ? Drift<NonNullable<O>, NonNullable<S>, `${Path}[]`>
    : `${Path} is a list only in ours`
  : [Ours] extends [Record<string, unknown> | object]
    ? [Ours] extends [(...args: never[]) => unknown]
      ? never
      : Branches<Ours, Schema, Path>
    : never;

/**
 * Each branch of a union tagged by a string `type` against the schema's branch
 * of that `type`; any other union as one object holding every branch's fields.
 */
type Branches<Ours, Schema, Path extends string> = [Ours] extends [{ type: string }]
  ? Ours extends { type: string }
    ? string extends Ours['type']
      ? ObjectDrift<Ours, Schema, Path>
      : ObjectDrift<Ours, Extract<Schema, { type: Ours['type'] }>, Path>
    : never
  : ObjectDrift<Ours, Schema, Path>;

type AllKeys<U> = U extends unknown ? keyof U : never;
type ValueAt<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;

type ObjectDrift<Ours, Schema, Path extends string> = [Schema] extends [never]
  ? `${Path} has no branch in the schema`
  :
      | { [K in Exclude<AllKeys<Ours>, AllKeys<Schema>> & string]: `${Path}.${K} only in ours` }[Exclude<AllKeys<Ours>, AllKeys<Schema>> & string]
      | { [K in Exclude<AllKeys<Schema>, AllKeys<Ours>> & string]: `${Path}.${K} only in the schema` }[Exclude<AllKeys<Schema>, AllKeys<Ours>> & string]
      | { [K in AllKeys<Ours> & AllKeys<Schema> & string]: Drift<NonNullable<ValueAt<Ours, K>>, NonNullable<ValueAt<Schema, K>>, `${Path}.${K}`> }[AllKeys<Ours> & AllKeys<Schema> & string];

/**
 * Option parser for an option that may be given more than once. Commander
 * passes the option's default as `previous` the first time; with no default
 * that is undefined, which keeps "(default: [])" out of the help.
 */
export const repeatable = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

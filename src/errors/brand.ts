/**
 * The CLI ships as several bundles (main.cjs, one file per command, the Ink
 * commands as ES modules), and each carries its own copy of a class, so an
 * error thrown by a command's copy is not `instanceof` main's copy. A brand
 * from the global symbol registry is the same in every copy: classes whose
 * instances cross bundles test it in `static [Symbol.hasInstance]`.
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** A claim's scope: dimension id → value id. A dimension left out means "all". */
export type Scope = Readonly<Record<string, string>>

/**
 * The canonical text key of a scope, used to group cells and stored in the ledger.
 * @example scopeKey({ type: "Tu-95", location: "belaya" }) === "location=belaya;type=Tu-95"
 * @example scopeKey({}) === ""
 */
export const scopeKey = (scope: Scope): string => {
  // A frozen scope cannot change, so its key is remembered: the ledger's reader shares one frozen
  // scope among all the claims that carry it, and reconciling asked for the key of each claim's.
  const frozen = Object.isFrozen(scope)
  if (frozen) {
    const known = frozenKeys.get(scope)
    if (known !== undefined) return known
  }
  const key = Object.keys(scope).sort().map((k) => `${k}=${scope[k]}`).join(";")
  if (frozen) frozenKeys.set(scope, key)
  return key
}

const frozenKeys = new WeakMap<Scope, string>()

/** The inverse of `scopeKey`. */
export const parseScopeKey = (key: string): Scope =>
  key === ""
    ? {}
    : Object.fromEntries(key.split(";").map((part) => {
        const i = part.indexOf("=")
        return [part.slice(0, i), part.slice(i + 1)]
      }))

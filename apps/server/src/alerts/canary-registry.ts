/**
 * Which ids are canaries: records that exist only to be noticed (DPP "Logging": alarms on access
 * to canary records), e.g. demo orders `canary-…` or real-looking order ids nobody fulfils. A
 * canary id is unique and never reused, so any audit entry that names it (as target, actor or
 * in its details) is a touch, whatever the action or outcome.
 */
export interface CanaryRegistry {
  /** The canary ids among `ids`. May reject; the engine treats that as "unknown", not "none". */
  match(ids: readonly string[]): Promise<readonly string[]>;
}

export interface InMemoryCanaryRegistry extends CanaryRegistry {
  add(...ids: readonly string[]): void;
  remove(id: string): void;
}

export function createInMemoryCanaryRegistry(ids: Iterable<string> = []): InMemoryCanaryRegistry {
  const canaries = new Set(ids);
  return {
    match: (candidates) => Promise.resolve(candidates.filter((id) => canaries.has(id))),
    add: (...added) => {
      for (const id of added) canaries.add(id);
    },
    remove: (id) => {
      canaries.delete(id);
    },
  };
}

export interface LoadedCanaryRegistryOptions {
  /**
   * Reads every canary id from where it is kept (e.g. the orders repository selecting rows
   * flagged canary). Called at most once per `refreshMs`.
   */
  readonly load: () => Promise<Iterable<string>>;
  /** Default 60 s: a canary planted now alerts within this delay. */
  readonly refreshMs?: number;
  readonly clock?: () => number;
}

/**
 * A registry over any store, cached: the database is read once per refresh, not once per audit
 * entry. If a refresh fails, the last good list is kept and the error propagates only when there
 * is none yet.
 */
export interface LoadedCanaryRegistry extends CanaryRegistry {
  /** The next match reads the store again (a canary planted in this process counts at once). */
  invalidate(): void;
}

export function createLoadedCanaryRegistry(
  options: LoadedCanaryRegistryOptions,
): LoadedCanaryRegistry {
  const refreshMs = options.refreshMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  let cached: ReadonlySet<string> | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<ReadonlySet<string>> | undefined;

  const current = async (): Promise<ReadonlySet<string>> => {
    if (cached !== undefined && clock() - loadedAt < refreshMs) return cached;
    loading ??= options
      .load()
      .then((ids) => {
        cached = new Set(ids);
        loadedAt = clock();
        return cached;
      })
      .catch((error: unknown) => {
        if (cached === undefined) throw error;
        loadedAt = clock(); // keep the last good list until the next refresh
        return cached;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return {
    match: async (ids) => {
      const canaries = await current();
      return ids.filter((id) => canaries.has(id));
    },
    invalidate: () => {
      loadedAt = Number.NEGATIVE_INFINITY;
    },
  };
}

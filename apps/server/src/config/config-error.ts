/** One thing wrong with the environment: the variable's name and a constant explanation. */
export interface ConfigProblem {
  readonly variable: string;
  /** Never contains the variable's value: values may be secrets. */
  readonly message: string;
}

/**
 * Thrown by `loadConfig` with every problem at once, so an operator fixes the environment in one
 * round. Deliberately not an `AppError`: it never reaches an HTTP response, it stops start-up.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
    super(
      `Invalid server configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.problems = problems;
  }
}

/** Collects problems; the first problem reported for a variable wins (no follow-on noise). */
export class ProblemList {
  readonly #problems: ConfigProblem[] = [];

  add(variable: string, message: string): void {
    if (!this.has(variable)) this.#problems.push({ variable, message });
  }

  has(variable: string): boolean {
    return this.#problems.some((p) => p.variable === variable);
  }

  get size(): number {
    return this.#problems.length;
  }

  toArray(): readonly ConfigProblem[] {
    return [...this.#problems];
  }
}

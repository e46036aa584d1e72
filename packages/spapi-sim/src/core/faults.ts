import { z } from 'zod';

export const FAULT_KINDS = ['http500', 'http503', 'throttle', 'reset', 'truncate', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const rate = z.number().min(0).max(1);

export const FaultConfigSchema = z
  .object({
    seed: z.number().int().default(1),
    /** Probability per SP-API call of each fault; their sum must not exceed 1. */
    http500: rate.default(0),
    http503: rate.default(0),
    throttle: rate.default(0),
    reset: rate.default(0),
    truncate: rate.default(0),
    slow: rate.default(0),
    slowMs: z.number().int().min(0).max(60_000).default(2_000),
    /** Limit faults to these operationIds; all operations when absent. */
    operations: z.array(z.string()).optional(),
  })
  .strict()
  .refine((c) => c.http500 + c.http503 + c.throttle + c.reset + c.truncate + c.slow <= 1, {
    message: 'fault rates must sum to at most 1',
  });

export type FaultConfig = z.output<typeof FaultConfigSchema>;

export interface Fault {
  kind: FaultKind;
  delayMs?: number;
}

/**
 * Decides, call by call, whether to inject a fault. The decisions are a pure function of the
 * seed and the call's position in the sequence, so a failing run can be replayed exactly.
 */
export class FaultInjector {
  #config: FaultConfig;
  #random: () => number;

  constructor(
    config: FaultConfig,
    private readonly rngFromSeed: (seed: number) => () => number,
  ) {
    this.#config = config;
    this.#random = rngFromSeed(config.seed);
  }

  get config(): FaultConfig {
    return this.#config;
  }

  configure(config: FaultConfig): void {
    this.#config = config;
    this.#random = this.rngFromSeed(config.seed);
  }

  decide(operationId: string): Fault | null {
    const { operations } = this.#config;
    if (operations && !operations.includes(operationId)) return null;
    const draw = this.#random();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += this.#config[kind];
      if (draw < edge) {
        return kind === 'slow' ? { kind, delayMs: this.#config.slowMs } : { kind };
      }
    }
    return null;
  }
}

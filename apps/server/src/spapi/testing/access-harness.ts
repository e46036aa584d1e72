/**
 * The SP-API access layer wired as production wires it (`createSpapiAccess`), pointed at a
 * running simulator, with test instruments: virtual time for backoff (and for the governor
 * unless a scaled clock is given), request counters, a recording logger and the events.
 */
import type { Clock } from '../clock.js';
import type { SpapiEvent } from '../client/spapi-client.js';
import type { RetryPolicy } from '../retry-policy.js';
import { createSpapiAccess, type SpapiAccess } from '../spapi-access.js';
import { countingHttp, type CountingHttp } from './counting-http.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import { recordingLogger, type RecordingLogger } from './recording-logger.js';
import { SIM_APP, simAmazonConfig, type SimUrls, type TestRefreshTokens } from './sim-world.js';

export interface AccessHarness {
  readonly access: SpapiAccess;
  readonly counter: CountingHttp;
  /** Backoff sleeps (and the governor's, without `rateClock`). */
  readonly clock: ManualClock;
  readonly logger: RecordingLogger;
  readonly events: SpapiEvent[];
}

export interface AccessHarnessOptions {
  readonly rateClock?: Clock;
  readonly retry?: Partial<RetryPolicy>;
  readonly headroomTokens?: number;
  readonly refreshTokens?: TestRefreshTokens['source'];
}

export function accessHarness(
  urls: SimUrls,
  refreshTokens: TestRefreshTokens,
  options: AccessHarnessOptions = {},
): AccessHarness {
  const counter = countingHttp();
  const clock = manualClock();
  const logger = recordingLogger();
  const events: SpapiEvent[] = [];
  const access = createSpapiAccess({
    amazon: simAmazonConfig(urls),
    clientSecret: () => Promise.resolve(SIM_APP.clientSecret),
    refreshTokens: options.refreshTokens ?? refreshTokens.source,
    http: counter.http,
    clock,
    ...(options.rateClock === undefined ? {} : { rateClock: options.rateClock }),
    ...(options.headroomTokens === undefined ? {} : { headroomTokens: options.headroomTokens }),
    retry: { maxAttempts: 6, ...options.retry },
    random: () => 0.5,
    logger,
    onEvent: (event) => events.push(event),
  });
  return { access, counter, clock, logger, events };
}

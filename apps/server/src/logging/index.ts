// Application logging (STYLE.md rule 8): one logger per process, masking before any transport.
export {
  createLogger,
  type CreateLoggerOptions,
  type LogFields,
  type Logger,
  type LoggerStats,
  type ProcessLogger,
} from './logger.js';
export {
  loggingOptionsSchema,
  parseLoggingOptions,
  type LoggingOptions,
  type ResolvedLoggingOptions,
} from './logging-options.js';
export { currentLogContext, runWithLogContext, type LogContext } from './log-context.js';
export { requestLogger, routePattern, UNMATCHED_ROUTE } from './request-logger.middleware.js';
export type { ShippingOptions, ShippingStats } from './https-shipper.transport.js';
export type { LogLevel } from './log-line.js';

// Security alerts (DPP "Logging" alarms, "Incidents"): rules over committed audit entries, the
// `alerts` table as store and outbox, and notifiers (webhook; demo: the outbox) run by a
// dispatcher outside the request path.
export {
  AlertRule,
  ALERT_RULES,
  DEFAULT_THRESHOLDS,
  RULE_SEVERITY,
  createRuleSet,
  dedupeKey,
  type AlertThresholds,
  type RuleSet,
} from './alert-rules.js';
export type { Alert, AlertCandidate, AlertDetails, AlertDetailValue } from './alert.types.js';
export {
  createAlertRepository,
  type AlertRepository,
  type ListAlertsOptions,
} from './alert.repository.js';
export {
  createAlertEngine,
  type AlertEngine,
  type AlertEngineOptions,
  type AlertEngineStage,
  type AlertEngineStats,
} from './alert-engine.service.js';
export { auditVerificationAlert } from './audit-verification.alert.js';
export {
  createInMemoryCanaryRegistry,
  createLoadedCanaryRegistry,
  type LoadedCanaryRegistry,
  type CanaryRegistry,
  type InMemoryCanaryRegistry,
  type LoadedCanaryRegistryOptions,
} from './canary-registry.js';
export { alertMessage, type AlertMessage } from './alert-message.js';
export { NotifyError, notifyErrorCode, type Notifier } from './notifier.port.js';
export { createOutboxNotifier } from './outbox.notifier.js';
export {
  checkWebhookUrl,
  createWebhookNotifier,
  type WebhookNotifierOptions,
} from './webhook.notifier.js';
export {
  createAlertDispatcher,
  type AlertDispatcher,
  type AlertDispatcherOptions,
  type DispatchResult,
} from './alert-dispatcher.service.js';

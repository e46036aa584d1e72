/**
 * The production channel: POSTs the alert message as JSON to a webhook (a chat incoming hook,
 * an incident tool). https only; plain http only to this machine and only when allowed (demo,
 * tests). No redirects (they could carry the message elsewhere). The URL is a secret (it may
 * hold a token): it appears in no error.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { alertMessage } from './alert-message.js';
import { NotifyError, type Notifier } from './notifier.port.js';

export interface WebhookNotifierOptions {
  readonly url: string;
  /** Allow `http:` towards loopback (demo mode and tests). Default false. */
  readonly allowLoopbackHttp?: boolean;
  /** Per request. Default 5 s. */
  readonly timeoutMs?: number;
  /** Tries per delivery (the dispatcher retries deliveries again later). Default 3. */
  readonly attempts?: number;
  /** First backoff; doubled each try. Default 250 ms. */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Throws (without the URL) unless the webhook URL is acceptable. */
export function checkWebhookUrl(url: string, allowLoopbackHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('alert webhook URL is not a URL');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error('alert webhook URL must not carry credentials in its authority');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && allowLoopbackHttp && LOOPBACK_HOSTS.has(parsed.hostname)) {
    return parsed;
  }
  throw new Error('alert webhook URL must be https (http only to loopback in demo)');
}

function failureOf(error: unknown): NotifyError {
  if (error instanceof NotifyError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new NotifyError('TIMEOUT', true);
  return new NotifyError('NETWORK', true);
}

export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const url = checkWebhookUrl(options.url, options.allowLoopbackHttp ?? false);
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 250;
  const send = options.fetch ?? fetch;

  const post = async (body: string): Promise<void> => {
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw failureOf(error);
    }
    await response.body?.cancel().catch(() => undefined); // the response body is never read
    if (response.ok) return;
    const status = response.status;
    throw new NotifyError(
      `HTTP_${String(status)}`,
      status >= 500 || status === 429 || status === 408,
    );
  };

  return {
    channel: 'webhook',
    async deliver(alert) {
      const body = JSON.stringify(alertMessage(alert));
      for (let attempt = 1; ; attempt += 1) {
        try {
          await post(body);
          return;
        } catch (error) {
          const failure = failureOf(error);
          if (!failure.retryable || attempt >= attempts) throw failure;
          await delay(backoffMs * 2 ** (attempt - 1));
        }
      }
    },
  };
}

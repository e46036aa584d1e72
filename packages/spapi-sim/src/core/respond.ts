import type { Response } from 'express';

/** Amazon prints the rate like a Java double: `0.0167`, `0.5`, `1.0`. */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(rate);
}

/** `x-amzn-RateLimit-Limit` is sent on 2xx, 400 and 404 responses only, as Amazon does. */
function carriesRateLimit(status: number): boolean {
  return (status >= 200 && status < 300) || status === 400 || status === 404;
}

/**
 * Sends an SP-API JSON response. With `truncate`, it announces the full Content-Length, sends
 * half the body and drops the connection, as a flaky network would.
 */
export function sendSpapiResponse(
  res: Response,
  result: { status: number; body: unknown },
  rateLimit: number | undefined,
  truncate: boolean,
): void {
  if (res.headersSent) return;
  const payload = Buffer.from(JSON.stringify(result.body), 'utf8');
  res.status(result.status);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', String(payload.length));
  if (rateLimit !== undefined && carriesRateLimit(result.status)) {
    res.setHeader('x-amzn-RateLimit-Limit', formatRate(rateLimit));
  }
  if (!truncate) {
    res.end(payload);
    return;
  }
  res.flushHeaders();
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => {
    res.socket?.destroy();
  });
}

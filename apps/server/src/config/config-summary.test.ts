import { describe, expect, it } from 'vitest';
import { describeConfig } from './config-summary.js';
import { loadConfig } from './load-config.js';

describe('describeConfig', () => {
  it('keeps database credentials and webhook/collector tokens out of the log view', () => {
    const config = loadConfig(
      {
        SERVER_MODE: 'demo',
        DATABASE_URL: 'postgres://desk:pa55-w0rd@db.internal:5432/desk?sslmode=verify-full',
        ALERT_WEBHOOK_URL: 'https://hooks.example.com/services/T0/B0/tok3n-value',
        LOG_SHIP_URL: 'https://logs.example.com/ingest?key=k3y-value',
      },
      { cwd: '/srv/desk' },
    );
    const view = describeConfig(config);
    const text = JSON.stringify(view);
    for (const secret of ['pa55-w0rd', 'desk:', 'tok3n-value', 'services', 'k3y-value']) {
      expect(text).not.toContain(secret);
    }
    expect(view).toMatchObject({
      mode: 'demo',
      database: { kind: 'postgres', url: 'postgres://db.internal:5432/desk', schema: 'public' },
      logging: { shipTo: 'https://logs.example.com' },
      alerts: { webhookTo: 'https://hooks.example.com' },
    });
  });
});

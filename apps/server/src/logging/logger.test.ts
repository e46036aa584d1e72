import { afterEach, describe, expect, it } from 'vitest';
import { CaptureTransport } from './capture.transport.js';
import { runWithLogContext } from './log-context.js';
import { createLogger, type ProcessLogger } from './logger.js';

const open: ProcessLogger[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((logger) => logger.close()));
});

function setup(level: 'info' | 'debug' = 'debug') {
  const capture = new CaptureTransport();
  const logger = createLogger({ level, transports: [capture] });
  open.push(logger);
  return { logger, capture };
}

// Raw C0/C1 controls, DEL, line separators and bidi overrides must never appear in a line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('createLogger: line format', () => {
  it('writes one JSON object per call with time, level, service, message and fields', () => {
    const { logger, capture } = setup();
    logger.info('order synced', { orderId: '111-2222222-3333333', count: 3 });
    const [record] = capture.records();
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      level: 'info',
      service: 'server',
      message: 'order synced',
      fields: { orderId: '111-2222222-3333333', count: 3 },
    });
  });

  it('writes every level and filters below the configured one', () => {
    const { logger, capture } = setup('info');
    logger.debug('hidden');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(capture.records().map((r) => r.level)).toEqual(['info', 'warn', 'error']);
  });

  it('carries the request id from a child binding or from the async context', async () => {
    const { logger, capture } = setup();
    logger.child({ requestId: 'req-1', component: 'sync' }).info('from child');
    await runWithLogContext({ requestId: 'req-2' }, async () => {
      await Promise.resolve();
      logger.info('from context');
    });
    logger.child({ requestId: 'bad id\nwith newline' }).info('unsafe id');
    expect(capture.records().map((r) => [r.requestId, r.fields])).toEqual([
      ['req-1', { component: 'sync' }],
      ['req-2', undefined],
      ['unknown', undefined],
    ]);
  });

  it('hands transports only the finished line, never the raw call', () => {
    const seen: Record<PropertyKey, unknown>[] = [];
    const spy = new CaptureTransport();
    spy.log = (info, next) => {
      seen.push(info);
      next();
    };
    const logger = createLogger({ transports: [spy] });
    open.push(logger);
    logger.info('x', { email: 'jane.doe@example.com' });
    const [info] = seen;
    expect(Object.keys(info ?? {})).toEqual(['level', 'message']);
    expect(JSON.stringify(info)).not.toContain('jane.doe@example.com');
  });

  it('survives cycles, bigints and hostile getters', () => {
    const { logger, capture } = setup();
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    logger.info('odd values', { cyclic, big: 12n, hostile });
    expect(capture.records()[0]?.fields).toEqual({
      cyclic: { id: 1, self: '[Circular]' },
      big: '12',
      hostile: { boom: '[Unreadable]' },
    });
  });

  it('bounds the line: over-long entries keep their head and lose their fields', () => {
    const { logger, capture } = setup();
    logger.info('m'.repeat(50_000), { blob: 'x'.repeat(50_000) });
    const [line] = capture.lines();
    expect(line?.length).toBeLessThan(2000);
    expect(JSON.parse(line ?? '')).toMatchObject({ truncated: true, level: 'info' });
  });
});

describe('createLogger: log injection', () => {
  const hostile = [
    'done\n{"time":"2030-01-01T00:00:00.000Z","level":"error","message":"forged"}',
    'done\r\n{"level":"error","message":"forged"}',
    'red \u001b[31mALERT\u001b[0m \u001b]8;;http://evil\u0007link\u001b]8;;\u0007',
    'line\u2028separator\u2029paragraph\u0085next-line\u009b31m',
    'bidi \u202eevil\u202c and \u2066isolate\u2069',
    'nul\u0000byte and \u007fdel',
  ];

  it('a message or field can never start a second line or hide a control character', () => {
    const { logger, capture } = setup();
    for (const text of hostile) {
      for (const write of [logger.debug, logger.info, logger.warn, logger.error]) {
        write(text, { note: text, [text]: 'key' });
      }
    }
    const output = capture.lines().join('\n');
    expect(output.split('\n')).toHaveLength(hostile.length * 4);
    for (const line of capture.lines()) {
      expect(line).not.toMatch(RAW_CONTROL);
      expect(JSON.parse(line)).toHaveProperty('service', 'server');
    }
    // Escaped, not dropped: parsing gives the text back, so nothing is silently lost.
    const records = capture.records();
    expect(records.map((r) => r.message)).toEqual(
      hostile.flatMap((text) => [text, text, text, text]),
    );
    expect(records.filter((r) => r.message === 'forged')).toHaveLength(0);
  });
});

describe('createLogger: configuration', () => {
  it('refuses to run without any output (winston would print raw entries to stderr)', () => {
    expect(() => createLogger({})).toThrow('logger: no output configured');
  });

  it('names bad option paths without echoing values', () => {
    const token = 'collector-token-that-must-not-leak';
    const attempt = () =>
      createLogger({
        console: true,
        shipping: { url: `http://user:${token}@collector.example`, token },
      });
    expect(attempt).toThrow('logger: invalid options at shipping.url');
    expect(attempt).not.toThrow(new RegExp(token));
  });
});

describe('createLogger: close', () => {
  it('ignores lines written after close instead of failing', async () => {
    const capture = new CaptureTransport();
    const logger = createLogger({ transports: [capture] });
    logger.info('before');
    await logger.close();
    logger.error('after');
    await logger.close();
    expect(capture.lines()).toHaveLength(1);
    expect(logger.stats().transportErrors).toBe(0);
  });
});

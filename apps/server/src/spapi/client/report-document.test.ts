/**
 * The report document download against a local server standing in for S3: plain and gzip
 * documents, gzip bombs and oversized bodies refused, only https (or loopback http when
 * allowed), no redirects, and the pre-signed URL in no error.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../http-transport.js';
import {
  createReportDocumentDownloader,
  ReportDocumentError,
  ReportDownloadFailure,
} from './report-document.js';

const TEXT = 'order-id\tbuyer-name\n113-0000000-0000001\tHildegard Vanterpool\n';
const SIGNATURE = 'X-Amz-Signature=5ec4e7c0ffee';

interface Route {
  readonly status?: number;
  readonly body: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/plain': { body: Buffer.from(TEXT), headers: { 'content-type': 'text/plain; charset=UTF-8' } },
  '/gzip': { body: gzipSync(Buffer.from(TEXT)) },
  '/encoded': { body: gzipSync(Buffer.from(TEXT)), headers: { 'content-encoding': 'gzip' } },
  // 64 MiB of zeros compress to about 64 KiB.
  '/bomb': { body: gzipSync(Buffer.alloc(64 * 1024 * 1024)) },
  '/big': { body: Buffer.alloc(2 * 1024 * 1024, 0x41) },
  '/corrupt': { body: Buffer.from('not gzip at all') },
  '/latin1': {
    body: Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]),
    headers: { 'content-type': 'text/plain; charset=windows-1252' },
  },
  '/binary': { body: Buffer.from([0xff, 0xfe, 0xfd]) },
  '/expired': { status: 403, body: Buffer.from('<Error><Code>AccessDenied</Code></Error>') },
  '/redirect': { status: 302, body: Buffer.alloc(0), headers: { location: '/plain' } },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route.status ?? 200, {
      'content-length': String(route.body.length),
      ...route.headers,
    });
    res.end(route.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const http = createHttpClient({ userAgent: 'report-document-test' });
const downloader = createReportDocumentDownloader({
  http,
  allowLoopbackHttp: true,
  maxCompressedBytes: 1024 * 1024,
  maxDocumentBytes: 4 * 1024 * 1024,
});
const urlOf = (path: string) => `${base}${path}?${SIGNATURE}`;
const doc = (path: string, gzip = false) => ({
  reportDocumentId: 'amzn1.spdoc.1.4.na.test',
  url: urlOf(path),
  ...(gzip ? { compressionAlgorithm: 'GZIP' as const } : {}),
});

async function failureOf(work: Promise<unknown>): Promise<ReportDocumentError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ReportDocumentError);
    const rendered = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
    expect(rendered).not.toContain('5ec4e7c0ffee');
    expect(rendered).not.toContain(base);
    return error as ReportDocumentError;
  }
  throw new Error('downloaded');
}

describe('report document download', () => {
  it('returns the text of a plain, a GZIP and a Content-Encoding: gzip document', async () => {
    expect(await downloader.download(doc('/plain'))).toBe(TEXT);
    expect(await downloader.download(doc('/gzip', true))).toBe(TEXT);
    expect(await downloader.download(doc('/encoded'))).toBe(TEXT);
    expect(await downloader.download(doc('/latin1'))).toBe('Müller');
  });

  it('refuses a gzip bomb at the decompressed limit and an oversized body as it arrives', async () => {
    const bomb = await failureOf(downloader.download(doc('/bomb', true)));
    expect(bomb.reason).toBe(ReportDownloadFailure.TOO_LARGE);
    expect(bomb.transient).toBe(false);
    const big = await failureOf(downloader.download(doc('/big')));
    expect(big.reason).toBe(ReportDownloadFailure.TOO_LARGE);
  });

  it('refuses a body that is not gzip, or not text in its charset', async () => {
    expect((await failureOf(downloader.download(doc('/corrupt', true)))).reason).toBe(
      ReportDownloadFailure.DECOMPRESSION,
    );
    expect((await failureOf(downloader.download(doc('/binary')))).reason).toBe(
      ReportDownloadFailure.ENCODING,
    );
  });

  it('an expired URL (403) is worth a fresh URL; a redirect is not followed', async () => {
    const expired = await failureOf(downloader.download(doc('/expired')));
    expect([expired.reason, expired.transient]).toEqual([ReportDownloadFailure.HTTP_STATUS, true]);
    const redirect = await failureOf(downloader.download(doc('/redirect')));
    expect([redirect.reason, redirect.transient]).toEqual([
      ReportDownloadFailure.HTTP_STATUS,
      false,
    ]);
  });

  it('only https, or http to loopback when allowed; no credentials in the URL', async () => {
    const strict = createReportDocumentDownloader({ http });
    expect((await failureOf(strict.download(doc('/plain')))).reason).toBe(
      ReportDownloadFailure.URL_REFUSED,
    );
    for (const url of [
      `http://example.com/doc?${SIGNATURE}`,
      `ftp://127.0.0.1/doc?${SIGNATURE}`,
      `http://user:pw@127.0.0.1/doc?${SIGNATURE}`,
      'not a url 5ec4e7c0ffee',
    ]) {
      const error = await failureOf(downloader.download({ reportDocumentId: 'd', url }));
      expect(error.reason).toBe(ReportDownloadFailure.URL_REFUSED);
    }
  });

  it('a connection failure is transient and names no URL', async () => {
    const closed = createReportDocumentDownloader({ http, allowLoopbackHttp: true });
    const error = await failureOf(
      closed.download({ reportDocumentId: 'd', url: `http://127.0.0.1:1/doc?${SIGNATURE}` }),
    );
    expect([error.reason, error.transient]).toEqual([ReportDownloadFailure.NETWORK, true]);
  });
});

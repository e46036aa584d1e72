/**
 * A local HTTP server speaking the subset of AWS Secrets Manager's JSON 1.1 protocol the adapter
 * uses: `POST /` with `X-Amz-Target: secretsmanager.GetSecretValue | PutSecretValue`. Staging
 * labels move like AWS moves them. Tests only; it does not check signatures, but records that
 * each request carried a SigV4 `Authorization` header.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakeVersion {
  readonly id: string;
  readonly created: number;
  readonly secretString?: string;
  /** base64, as on the wire */
  readonly secretBinary?: string;
  stages: Set<string>;
}

export interface FakeRequest {
  readonly target: string;
  readonly body: Record<string, unknown>;
  readonly signed: boolean;
}

export interface FakeSecretsManager {
  readonly endpoint: string;
  readonly requests: FakeRequest[];
  /** Creates (or adds a current version to) a secret directly, like infrastructure code would. */
  seed(name: string, value: { string: string } | { binary: Uint8Array }): void;
  /** Makes the next `count` requests fail with this AWS error type. */
  failNext(type: string, count?: number): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': 'fake-request-id',
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

export async function startFakeSecretsManager(): Promise<FakeSecretsManager> {
  const secrets = new Map<string, FakeVersion[]>();
  const requests: FakeRequest[] = [];
  let failures: { type: string; count: number } | null = null;
  let counter = 0;

  const addVersion = (
    name: string,
    id: string,
    value: Omit<FakeVersion, 'id' | 'created' | 'stages'>,
  ): FakeVersion => {
    const versions = secrets.get(name) ?? [];
    for (const v of versions) v.stages.delete('AWSPREVIOUS');
    for (const v of versions) {
      if (v.stages.delete('AWSCURRENT')) v.stages.add('AWSPREVIOUS');
    }
    counter += 1;
    const version = {
      id,
      created: 1_700_000_000 + counter,
      ...value,
      stages: new Set(['AWSCURRENT']),
    };
    secrets.set(name, [...versions, version]);
    return version;
  };

  const notFound = (res: ServerResponse): void => {
    sendJson(
      res,
      400,
      {
        __type: 'ResourceNotFoundException',
        message: 'Secrets Manager can’t find the specified secret.',
      },
      'ResourceNotFoundException',
    );
  };

  const handle = (target: string, body: Record<string, unknown>, res: ServerResponse): void => {
    const name = typeof body.SecretId === 'string' ? body.SecretId : '';
    const versions = secrets.get(name);
    if (versions === undefined) {
      notFound(res);
      return;
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const stage = typeof body.VersionStage === 'string' ? body.VersionStage : 'AWSCURRENT';
      const found =
        typeof body.VersionId === 'string'
          ? versions.find((v) => v.id === body.VersionId)
          : versions.find((v) => v.stages.has(stage));
      if (found === undefined) {
        notFound(res);
        return;
      }
      sendJson(res, 200, {
        ARN: `arn:aws:secretsmanager:eu-west-1:000000000000:secret:${name}`,
        Name: name,
        VersionId: found.id,
        VersionStages: [...found.stages],
        CreatedDate: found.created,
        ...(found.secretString === undefined ? {} : { SecretString: found.secretString }),
        ...(found.secretBinary === undefined ? {} : { SecretBinary: found.secretBinary }),
      });
      return;
    }
    if (target === 'secretsmanager.PutSecretValue') {
      const id =
        typeof body.ClientRequestToken === 'string'
          ? body.ClientRequestToken
          : `v-${String(counter)}`;
      const version = addVersion(name, id, {
        ...(typeof body.SecretString === 'string' ? { secretString: body.SecretString } : {}),
        ...(typeof body.SecretBinary === 'string' ? { secretBinary: body.SecretBinary } : {}),
      });
      sendJson(res, 200, {
        ARN: `arn:${name}`,
        Name: name,
        VersionId: version.id,
        VersionStages: ['AWSCURRENT'],
      });
      return;
    }
    sendJson(
      res,
      400,
      { __type: 'InvalidRequestException', message: 'unsupported' },
      'InvalidRequestException',
    );
  };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      requests.push({
        target,
        body,
        signed: (req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256'),
      });
      if (req.method !== 'POST' || req.url !== '/') {
        sendJson(res, 404, {});
        return;
      }
      if (failures !== null && failures.count > 0) {
        failures.count -= 1;
        sendJson(res, 400, { __type: failures.type, message: 'denied' }, failures.type);
        return;
      }
      handle(target, body, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${String(port)}`,
    requests,
    seed: (name, value) => {
      counter += 1;
      addVersion(
        name,
        `seed-${String(counter)}`,
        'string' in value
          ? { secretString: value.string }
          : { secretBinary: Buffer.from(value.binary).toString('base64') },
      );
    },
    failNext: (type, count = 1) => {
      failures = { type, count };
    },
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

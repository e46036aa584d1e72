/**
 * The server's resolved configuration: what `loadConfig` returns. Every field is derived from an
 * environment variable (see `env.schema.ts` and apps/server/README.md "Configuration").
 */

export const SERVER_MODES = ['demo', 'production'] as const;
/** `demo`: embedded SQLite, self-signed TLS, demo data. `production`: refuses every insecure default. */
export type ServerMode = (typeof SERVER_MODES)[number];

export const AMAZON_REGIONS = ['na', 'eu', 'fe'] as const;
export type AmazonRegion = (typeof AMAZON_REGIONS)[number];

export const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;
export type TlsMinVersion = (typeof TLS_VERSIONS)[number];

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the HTTPS certificate comes from. There is no plaintext variant: the server is HTTPS only. */
export type TlsSource =
  | { readonly kind: 'self-signed' }
  | { readonly kind: 'files'; readonly certFile: string; readonly keyFile: string };

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | {
      readonly kind: 'postgres';
      /** May hold a password: never log it (use `describeConfig`). */
      readonly url: string;
      /** Schema the pool's `search_path` points at; tables and migrations live there. */
      readonly schema: string;
      readonly poolMax: number;
    };

/**
 * Express `trust proxy`: `false` (no proxy), a hop count, or the proxy addresses / CIDRs /
 * Express names (`loopback`, `linklocal`, `uniquelocal`). `true` trusts every hop (demo only).
 */
export type TrustProxySetting = boolean | number | readonly string[];

/** `'*'` (demo only) or the allowed origins, each `scheme://host[:port]`. Empty: same-origin only. */
export type CorsOrigins = '*' | readonly string[];

export type SecretsSource =
  | { readonly kind: 'env' }
  | { readonly kind: 'key-file'; readonly path: string }
  | {
      readonly kind: 'aws-secrets-manager';
      readonly region: string;
      readonly prefix: string;
      /** Override for tests against a local endpoint; `null`: the SDK's regional endpoint. */
      readonly endpoint: string | null;
    };

export interface AmazonConfig {
  /** Login with Amazon base URL; the token endpoint is `<base>/auth/o2/token`. */
  readonly lwaBaseUrl: string;
  readonly sellerCentralUrls: Readonly<Record<AmazonRegion, string>>;
  readonly spapiBaseUrls: Readonly<Record<AmazonRegion, string>>;
  readonly sandbox: boolean;
  /** The application is a Draft: the consent URL must carry `version=beta`. */
  readonly draftApplication: boolean;
  readonly lwaClientId: string | null;
  readonly applicationId: string | null;
}

export interface ServerConfig {
  readonly mode: ServerMode;
  readonly listen: {
    readonly host: string;
    /** 0 picks a free port (tests). */
    readonly port: number;
    /** A plaintext listener that only redirects to `publicUrl` (demo only); `null`: none. */
    readonly httpRedirectPort: number | null;
  };
  /** The origin users and the desktop app reach us at, e.g. `https://desk.example.com`. */
  readonly publicUrl: string;
  readonly tls: TlsSource;
  readonly tlsMinVersion: TlsMinVersion;
  /** Absolute. Holds the SQLite file, the generated demo certificate and (by default) logs. */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly http: {
    readonly trustProxy: TrustProxySetting;
    readonly corsOrigins: CorsOrigins;
  };
  readonly demoData: boolean;
  readonly amazon: AmazonConfig;
  readonly secrets: SecretsSource;
  readonly logging: {
    readonly dir: string;
    readonly level: LogLevel;
    readonly retentionDays: number;
    /** Central collector (HTTPS); may carry a token in its path or query: never log it. */
    readonly shipUrl: string | null;
  };
  readonly alerts: {
    /** Notifier webhook; may carry a token in its path (Slack-style): never log it. */
    readonly webhookUrl: string | null;
  };
  readonly audit: {
    /** A checkpoint of the chain head is signed this often (and at shutdown), 1–1440. */
    readonly checkpointIntervalMinutes: number;
  };
  /** Background jobs: the order sync schedule and the retention job. */
  readonly jobs: {
    /** Every active seller is synced this often (and a new connection at once); 0: manual only. */
    readonly syncIntervalMinutes: number;
    /** How far back the first sync of a marketplace reads. */
    readonly syncInitialLookbackDays: number;
    /** Sellers one process syncs at the same time (Postgres mode; embedded: one per seller). */
    readonly syncConcurrency: number;
    /** The retention job runs this often; 0: only through `retention run`. */
    readonly retentionIntervalMinutes: number;
  };
}

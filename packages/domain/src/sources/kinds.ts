/**
 * The three kinds of import source and, per kind, its connection settings (shown by the API) and its secrets
 * (sealed with secret-box.ts, never shown). One schema per part, shared by the API (validation, OpenAPI) and
 * the worker (reading a stored row back).
 */
import Type, { type Static } from 'typebox';

export const SOURCE_KINDS = ['sftp', 's3', 'zendesk'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const Host = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:_-]+$' });
const Folder = Type.String({ minLength: 1, maxLength: 1000, pattern: '^/' });

export const SftpSettings = Type.Object(
  {
    host: Host,
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 22 }),
    username: Type.String({ minLength: 1, maxLength: 100 }),
    folder: Folder,
    // A glob matched against file names in `folder` (not recursive), e.g. `*.csv` or `export-*.csv.gz`.
    pattern: Type.String({ minLength: 1, maxLength: 200, default: '*.csv' }),
    // The server's host key, pinned: `SHA256:<base64>` as `ssh-keygen -lf` prints it. A server showing another
    // key is refused before any credential is sent.
    hostKeySha256: Type.String({ pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$' }),
    // Where imported files are moved afterwards (absolute); absent: they stay where they are.
    doneFolder: Type.Optional(Folder),
  },
  { additionalProperties: false },
);
export const SftpSecrets = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    privateKey: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
    passphrase: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const S3Settings = Type.Object(
  {
    // An S3-compatible endpoint (MinIO, Ceph, R2…); absent: AWS itself. Requests are path-style.
    endpoint: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://' })),
    region: Type.String({ minLength: 1, maxLength: 50, default: 'us-east-1' }),
    bucket: Type.String({ minLength: 3, maxLength: 63, pattern: '^[a-z0-9][a-z0-9.-]+[a-z0-9]$' }),
    prefix: Type.String({ maxLength: 1000, default: '' }),
    pattern: Type.String({ minLength: 1, maxLength: 200, default: '*.csv' }),
  },
  { additionalProperties: false },
);
export const S3Secrets = Type.Object(
  {
    accessKeyId: Type.String({ minLength: 1, maxLength: 200 }),
    secretAccessKey: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const ZendeskSettings = Type.Object(
  {
    // https://<subdomain>.zendesk.com (http only for a loopback peer).
    baseUrl: Type.String({ minLength: 1, maxLength: 500, pattern: '^https?://[^/?#]+$' }),
    email: Type.String({ format: 'email', maxLength: 320 }),
    // The first pull exports tickets changed since this instant (Unix seconds); later pulls follow the cursor.
    startTime: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const ZendeskSecrets = Type.Object(
  { apiToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const sourceKinds = {
  sftp: { settings: SftpSettings, secrets: SftpSecrets },
  s3: { settings: S3Settings, secrets: S3Secrets },
  zendesk: { settings: ZendeskSettings, secrets: ZendeskSecrets },
} as const;

export type SftpSettings = Static<typeof SftpSettings>;
export type SftpSecrets = Static<typeof SftpSecrets>;
export type S3Settings = Static<typeof S3Settings>;
export type S3Secrets = Static<typeof S3Secrets>;
export type ZendeskSettings = Static<typeof ZendeskSettings>;
export type ZendeskSecrets = Static<typeof ZendeskSecrets>;

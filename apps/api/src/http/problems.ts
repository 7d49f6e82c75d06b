/**
 * One error model: features throw `Problem`; the error handler writes RFC 9457 problem documents.
 * Details of 5xx errors are logged, never sent.
 */
import Type from 'typebox';

export const problemCodes = {
  'bad-request': { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'payload-too-large': { status: 413, title: 'The upload is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'The content cannot be processed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  overloaded: { status: 503, title: 'The server is busy' },
  unavailable: { status: 503, title: 'A backing service is unavailable' },
} as const;
export type ProblemCode = keyof typeof problemCodes;

export class Problem extends Error {
  override name = 'Problem';
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
  get status(): number {
    return problemCodes[this.code].status;
  }
}

export const ProblemDocument = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ location: Type.String(), message: Type.String() }, { additionalProperties: true })),
    ),
  },
  { $id: 'ProblemDocument', additionalProperties: true },
);

export function problemType(code: ProblemCode): string {
  return `urn:scorecard:problem:${code}`;
}

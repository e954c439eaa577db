import type { HttpResponse } from './http';

/** An RFC 7807 problem: `type` and `title` say what kind of problem, `detail` this occurrence, members may add more. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** An `application/problem+json` response (RFC 7807), with any extra headers (limits, say). */
export function problemResponse(problem: ProblemDetails, headers: Record<string, string> = {}): HttpResponse {
  return {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify(problem),
  };
}

/** The media type of a Content-Type header, lower case and without parameters: "application/ld+json". */
export function mediaType(contentType: string | string[] | undefined): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

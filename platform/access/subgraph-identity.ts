import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { verifyIdentity } from './identity-header';
import type { PersonalRead } from './personal';
import type { Viewer } from './roles';

/**
 * The access part of a subgraph request's context: the verified viewer, the request id, the buffer of personal
 * reads. A forged or stale identity answers 401 (the caller meant to be someone and is not); no identity at all
 * is the public viewer.
 */
export function subgraphViewer(headers: IncomingHttpHeaders, requestId: string): { viewer: Viewer; requestId: string; personalReads: PersonalRead[] } {
  const check = verifyIdentity(headers);
  if ('refused' in check) {
    throw new GraphQLError(check.refused, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { viewer: check.viewer, requestId, personalReads: [] };
}

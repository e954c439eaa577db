import type { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { createAdmission } from '../platform/graphql/admission';
import { limitsFromEnv, type LimitSettings } from '../platform/graphql/limits';
import { PersistedOperations } from '../platform/graphql/persisted-operations';

/** GraphQL request bodies at the gateway: a partner's largest document with its variables fits many times over. */
export const DEFAULT_GRAPHQL_MAX_BODY_BYTES = 256 * 1024;

export interface GatewayLimitOptions {
  /** Per-role limits; by default from NONGSAN_LIMITS_<ROLE> and the defaults of platform/graphql/limits.ts. */
  limits?: LimitSettings;
  /** The safelist; by default schema/persisted-operations.json (or NONGSAN_OPERATIONS_MANIFEST). */
  operations?: PersistedOperations;
  /** Largest GraphQL request body; by default NONGSAN_GRAPHQL_MAX_BODY_BYTES, else 256 KiB. */
  maxBodyBytes?: number;
}

export function graphqlMaxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.NONGSAN_GRAPHQL_MAX_BODY_BYTES?.trim();
  if (!value) return DEFAULT_GRAPHQL_MAX_BODY_BYTES;
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`NONGSAN_GRAPHQL_MAX_BODY_BYTES must be a number of bytes, not "${value}".`);
  return bytes;
}

/**
 * The gateway's door: rate per caller, safelist, depth/alias/token/directive/cost limits per role, all checked against
 * the API schema before Apollo Gateway parses or plans anything, so no subgraph is called for a refused request.
 */
export function gatewayAdmission(gateway: ApolloGateway, options: GatewayLimitOptions = {}) {
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  return createAdmission({
    schema: () => apiSchema,
    settings: options.limits ?? limitsFromEnv(),
    operations: options.operations ?? PersistedOperations.load(),
    rateLimits: true,
  });
}

import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { hasScope, PUBLIC_VIEWER, type Scope, type Viewer } from './roles';

/**
 * What a guard declares (`@Authorized(requires('links:settle'))`, `@Personal(...)`): a scope from the role table
 * and, optionally, a condition on the row being read. Kept in closures, never in schema extensions, which the
 * federated schema loses when it is rebuilt from printed SDL.
 */
export interface AccessRule {
  scope: Scope;
  /** Why `viewer` may not see this row, or null when it may. */
  deniedFor?(viewer: Viewer, root: unknown): string | null;
}

export function requires(scope: Scope): AccessRule {
  return { scope };
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * The one checker every subgraph's schema is built with (federated-schema.ts). It throws rather than answers
 * false, so the error says why; graphql-js nulls the field and puts the error at its path, and the rest of the
 * request goes on.
 */
export const authChecker: AuthChecker<{ viewer?: Viewer }, AccessRule> = ({ root, context }, rules) => {
  const viewer = context.viewer ?? PUBLIC_VIEWER;
  for (const rule of rules) {
    if (!hasScope(viewer, rule.scope)) {
      throw forbidden(
        viewer.role === 'public'
          ? `This needs a credential with the "${rule.scope}" scope (an API key or a token): anonymous callers see public data only.`
          : `The ${viewer.role} role does not have the "${rule.scope}" scope this needs.`,
      );
    }
    const denied = rule.deniedFor?.(viewer, root);
    if (denied) throw forbidden(denied);
  }
  return true;
};

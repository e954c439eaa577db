import { millisecondsFromEnv } from '../database/timeouts';

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 20_000;
export const SUBGRAPH_TIMEOUT_VARIABLE = 'SUBGRAPH_TIMEOUT_MS';

/** `MARKETPLACE_TIMEOUT_MS` for "marketplace": how long callers wait for that subgraph. */
export function subgraphTimeoutVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TIMEOUT_MS`;
}

/**
 * How long the gateway, or a peer subgraph, waits for a subgraph's answer: `<NAME>_TIMEOUT_MS`, else
 * SUBGRAPH_TIMEOUT_MS, else 20 s.
 */
export function subgraphTimeoutMs(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const fallback = millisecondsFromEnv(env, SUBGRAPH_TIMEOUT_VARIABLE, DEFAULT_SUBGRAPH_TIMEOUT_MS);
  return millisecondsFromEnv(env, subgraphTimeoutVariable(name), fallback);
}

/**
 * Where the other subgraphs are, for the few service-to-service calls (the registry's household matching). The hub
 * fills it as each subgraph starts; a subgraph run alone reads `<NAME>_URL` (the same variables the gateway uses)
 * or falls back to the peer's default port on this machine.
 */
export interface SubgraphPeers {
  /** Base URL of a peer subgraph, without `/graphql`, e.g. "http://127.0.0.1:4001". */
  baseUrl(name: string): string;
}

export class PeerDirectory implements SubgraphPeers {
  private readonly started = new Map<string, string>();

  constructor(private readonly defaultPorts: Record<string, number>) {}

  /** Records a peer started in this process (its GraphQL URL). */
  add(name: string, graphqlUrl: string): void {
    this.started.set(name, stripGraphqlPath(graphqlUrl));
  }

  baseUrl(name: string): string {
    const started = this.started.get(name);
    if (started) return started;
    const configured = process.env[`${name.toUpperCase()}_URL`];
    if (configured) return stripGraphqlPath(configured);
    const port = this.defaultPorts[name];
    if (port === undefined) throw new Error(`Unknown subgraph "${name}": no URL for it`);
    return `http://127.0.0.1:${port}`;
  }
}

function stripGraphqlPath(url: string): string {
  return url.replace(/\/graphql\/?$/, '').replace(/\/$/, '');
}

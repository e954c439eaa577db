/**
 * Where a service listens, from the environment, one scheme for all: `HOST` and `PORT` for the process's service
 * (the gateway, or a subgraph run alone), `<NAME>_PORT` for each subgraph inside the all-in-one hub. HOST defaults to
 * loopback (127.0.0.1) for npm start; the container image sets HOST=0.0.0.0.
 */
export const DEFAULT_HOST = '127.0.0.1';

export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST?.trim() || DEFAULT_HOST;
}

/** A port variable's value, or `fallback` when unset; a wrong value names the variable. */
export function portVariable(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = env[variable]?.trim();
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number (0-65535), not "${env[variable]}".`);
  }
  return port;
}

/** `REGISTRY_PORT` for "registry". */
export function subgraphPortVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT`;
}

/** The host to put in URLs handed to clients on this machine: a wildcard address is not one to connect to. */
export function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

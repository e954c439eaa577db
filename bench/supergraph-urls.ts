/**
 * The supergraph with other subgraph URLs: each `@join__graph(name: "<name>", url: "...")` gets the URL given
 * for its name. Plain Apollo Gateway has no other way to be pointed elsewhere without code of ours.
 */
export function withSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (directive, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: ${JSON.stringify(urls[name])})` : directive,
  );
}

/** Counters every subgraph (and the limit) serves on /metrics, in Prometheus text. */
export const SQL_STATEMENTS = 'nongsan_sql_statements_total';
export const GRAPHQL_REQUESTS = 'nongsan_graphql_requests_total';

/** The value of an unlabelled-or-labelled counter in Prometheus text; 0 when absent. */
export function parseCounter(text: string, metric: string): number {
  const match = new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

export interface CounterReading {
  sqlStatements: Record<string, number>;
  graphqlRequests: Record<string, number>;
}

/** Reads the counters of each source (name → its /metrics URL). */
export async function readCounters(sources: Record<string, string>): Promise<CounterReading> {
  const reading: CounterReading = { sqlStatements: {}, graphqlRequests: {} };
  await Promise.all(
    Object.entries(sources).map(async ([name, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
      const text = await response.text();
      reading.sqlStatements[name] = parseCounter(text, SQL_STATEMENTS);
      reading.graphqlRequests[name] = parseCounter(text, GRAPHQL_REQUESTS);
    }),
  );
  return reading;
}
